package io.resetflow.mailedlink;

/** The link is unknown, expired, already used or replaced by a newer one, or its client is over its limit. */
public class InvalidLinkException extends RuntimeException {

    public InvalidLinkException() {
        super("The link is invalid or has expired");
    }
}
