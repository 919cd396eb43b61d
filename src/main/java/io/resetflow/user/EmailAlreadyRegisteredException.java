package io.resetflow.user;

/** Registration with an address that an account already has (compared in canonical form). */
public class EmailAlreadyRegisteredException extends RuntimeException {

    public EmailAlreadyRegisteredException() {
        super("An account with this e-mail address exists");
    }
}
