package io.resetflow.passwordformat;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jakarta Security's {@link Pbkdf2PasswordHash} as the container provides it:
 * {@code <algorithm>:<iterations>:<Base64 salt>:<Base64 key>}.
 */
public final class JakartaPbkdf2 implements PasswordFormat {

    private static final Pattern STORED = Pattern.compile("(PBKDF2WithHmacSHA(?:1|224|256|384|512)):(\\d{1,9}):([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)");
    /** The container computes whatever a stored value asks; beyond this a value is refused rather than computed. */
    static final int MAX_ITERATIONS = 10_000_000;

    private final Pbkdf2PasswordHash container;

    public JakartaPbkdf2(Pbkdf2PasswordHash container) {
        this.container = container;
    }

    @Override
    public String name() {
        return "pbkdf2";
    }

    @Override
    public boolean reads(String stored) {
        return stored.startsWith("PBKDF2WithHmacSHA");
    }

    @Override
    public boolean matches(char[] password, String stored) {
        int iterations = iterations(stored);
        return iterations > 0 && iterations <= MAX_ITERATIONS && container.verify(password, stored);
    }

    /** The iterations of a stored value, or -1 if it is not one. */
    public static int iterations(String stored) {
        Matcher m = STORED.matcher(stored);
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    /**
     * Whether a stored value is of this PBKDF2 variant with at least these iterations and salt and key lengths (in
     * bytes): what the container's {@code Pbkdf2PasswordHash} makes now.
     */
    public static boolean isCurrent(String stored, String algorithm, int iterations, int saltBytes, int keyBytes) {
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        try {
            return m.group(1).equals(algorithm) && Integer.parseInt(m.group(2)) >= iterations
                    && Base64.getDecoder().decode(m.group(3)).length >= saltBytes
                    && Base64.getDecoder().decode(m.group(4)).length >= keyBytes;
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    @Override
    public String costKey(String stored) {
        Matcher m = STORED.matcher(stored);
        return m.matches() ? name() + "/" + m.group(1) + "/" + m.group(2) : name();
    }
}
