package io.resetflow.mail;

/** How a row of the outbox ended: the words stored in its {@code outcome} column and written to the audit log. */
public final class Outcome {

    public static final String SENT = "sent";
    public static final String THROTTLED = "throttled";
    /** The typed text was no address. */
    public static final String IMPLAUSIBLE_ADDRESS = "implausible_address";
    /** No account has the address: nothing is sent, and nothing shows it. */
    public static final String UNKNOWN_ADDRESS = "unknown_address";
    /** A newer request of the same kind and address came: only the newest is sent. */
    public static final String SUPERSEDED = "superseded";
    /** Every delivery attempt failed. */
    public static final String GIVEN_UP = "given_up";

    private Outcome() {
    }
}
