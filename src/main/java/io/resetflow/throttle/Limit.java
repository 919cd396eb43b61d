package io.resetflow.throttle;

/**
 * The rate limits the product enforces. Each is "at most N per window" with its N configured under
 * {@code throttle.<key>} (environment: {@code THROTTLE_<KEY>}; defaults in microprofile-config.properties);
 * 0 switches it off.
 */
public enum Limit {

    /** Reset links asked for one canonical address, known or not. */
    RESET_REQUEST_PER_ACCOUNT("reset-request.per-account"),
    /** Reset links asked for from one client address. */
    RESET_REQUEST_PER_CLIENT("reset-request.per-client"),
    /** Wrong, expired or used reset links opened, and new passwords submitted, from one client address. */
    RESET_ATTEMPT_PER_CLIENT("reset-attempt.per-client"),
    /** Registration links asked for one canonical address, taken or not. */
    REGISTRATION_REQUEST_PER_ACCOUNT("registration-request.per-account"),
    /** Registration links asked for from one client. */
    REGISTRATION_REQUEST_PER_CLIENT("registration-request.per-client"),
    /** Wrong, expired or used registration links opened or submitted from one client. */
    REGISTRATION_ATTEMPT_PER_CLIENT("registration-attempt.per-client"),
    /** Failed sign-ins to one canonical address from one client network. */
    SIGN_IN_PER_ACCOUNT_AND_CLIENT("sign-in.per-account-and-client"),
    /**
     * Failed sign-ins to one canonical address, known or not, from anywhere: a ceiling well above
     * {@link #SIGN_IN_PER_ACCOUNT_AND_CLIENT}, so one stranger cannot lock the owner out, and many can only
     * by trying many times more.
     */
    SIGN_IN_PER_ACCOUNT("sign-in.per-account"),
    /** Failed sign-ins from one client address. */
    SIGN_IN_PER_CLIENT("sign-in.per-client");

    private final String key;

    Limit(String key) {
        this.key = key;
    }

    /** The subject of {@link #SIGN_IN_PER_ACCOUNT_AND_CLIENT}: this canonical address from this client network. */
    public static String accountAndClient(String canonicalEmail, String clientNetwork) {
        return canonicalEmail + "\n" + clientNetwork;
    }

    public String configKey() {
        return "throttle." + key;
    }
}
