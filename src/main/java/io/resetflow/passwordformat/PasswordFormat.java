package io.resetflow.passwordformat;

/**
 * One way a password can be stored, told apart by the look of the stored value alone (its prefix), so that
 * hashes of several formats can sit in one column: the product's own, and whatever a host site's sign-in wrote.
 */
public interface PasswordFormat {

    /** A short name for logs: the format's family, never anything of a stored value. */
    String name();

    /** Whether the stored value has this format's look; it may still be malformed. */
    boolean reads(String stored);

    /**
     * Whether the password matches the stored value. A malformed value, or one whose parameters ask for more work
     * than any sensible setting, never matches.
     */
    boolean matches(char[] password, String stored);

    /**
     * What tells this value's cost apart from other values of the format (its cost parameters, never its salt or
     * hash): checks of values with one key take about the same time.
     */
    default String costKey(String stored) {
        return name();
    }
}
