package io.resetflow.passwordreset;

/** The link's token is unknown, expired, already used or replaced by a newer one. */
public class InvalidResetTokenException extends RuntimeException {

    public InvalidResetTokenException() {
        super("Reset token is invalid or has expired");
    }
}
