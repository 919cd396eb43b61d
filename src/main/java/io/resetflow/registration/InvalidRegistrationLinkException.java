package io.resetflow.registration;

/** The registration link's token is unknown, expired, already used or replaced by a newer one. */
public class InvalidRegistrationLinkException extends RuntimeException {

    public InvalidRegistrationLinkException() {
        super("Registration link is invalid or has expired");
    }
}
