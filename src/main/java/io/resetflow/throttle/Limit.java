package io.resetflow.throttle;

/**
 * The rate limits the product enforces. Each is "at most N per window" with its N configured under
 * {@code throttle.<key>} (environment: {@code THROTTLE_<KEY>}); 0 switches it off.
 */
public enum Limit {

    /** Reset links asked for one canonical address, known or not. */
    RESET_REQUEST_PER_ACCOUNT("reset-request.per-account", 3),
    /** Reset links asked for from one client address. */
    RESET_REQUEST_PER_CLIENT("reset-request.per-client", 30),
    /** Wrong, expired or used reset links opened, and new passwords submitted, from one client address. */
    RESET_ATTEMPT_PER_CLIENT("reset-attempt.per-client", 20),
    /** Failed sign-ins to one canonical address, known or not. */
    SIGN_IN_PER_ACCOUNT("sign-in.per-account", 10),
    /** Failed sign-ins from one client address. */
    SIGN_IN_PER_CLIENT("sign-in.per-client", 50);

    private final String key;
    private final int defaultPerWindow;

    Limit(String key, int defaultPerWindow) {
        this.key = key;
        this.defaultPerWindow = defaultPerWindow;
    }

    public String configKey() {
        return "throttle." + key;
    }

    int defaultPerWindow() {
        return defaultPerWindow;
    }
}
