package io.resetflow.user;

/** A new password that the policy does not accept; {@link #getReason()} says why, for the message. */
public class PasswordRejectedException extends RuntimeException {

    public enum Reason {
        MISSING, TOO_SHORT, TOO_LONG, TOO_MANY_BYTES, COMMON, MISMATCH;

        /** Bundle key of the message that tells the person what to do; {0} in it is the longest password allowed. */
        public String messageKey() {
            return "password.message.error." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public PasswordRejectedException(Reason reason) {
        super("Password rejected: " + reason);
        this.reason = reason;
    }

    public Reason getReason() {
        return reason;
    }
}
