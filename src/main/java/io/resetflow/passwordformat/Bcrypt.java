package io.resetflow.passwordformat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * bcrypt in the modular crypt format, {@code $2<a|b|y>$<cost>$<salt and hash>}, computed by Bouncy Castle: what
 * PHP's {@code password_hash} writes ({@code $2y$}, Laravel), what OpenBSD and Python write ({@code $2b$}) and what
 * Spring Security writes ({@code $2a$}). The three versions hash the same bytes for every password that is
 * valid UTF-8, which is all a Java string can be. bcrypt reads at most 72 bytes of a password, so a password to
 * be stored in this format must not be longer ({@link #MAX_PASSWORD_BYTES}); PHP and Spring cut or refuse the
 * same way.
 */
public final class Bcrypt implements PasswordFormat {

    public static final int MAX_PASSWORD_BYTES = 72;
    /**
     * Each step doubles the work (Bouncy Castle here: cost 12 took 177 ms, 14 took 714 ms, 16 took 2.9 s): a stored
     * hash asking for more than this is refused rather than computed.
     */
    static final int MAX_COST = 17;
    private static final Pattern MCF = Pattern.compile("\\$(2[aby])\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "bcrypt";
    }

    @Override
    public boolean reads(String stored) {
        return stored.startsWith("$2a$") || stored.startsWith("$2b$") || stored.startsWith("$2y$");
    }

    @Override
    public boolean matches(char[] password, String stored) {
        int cost = cost(stored);
        if (cost < 4 || cost > MAX_COST) {
            return false;
        }
        return OpenBSDBCrypt.checkPassword(stored, utf8(password));
    }

    @Override
    public String costKey(String stored) {
        return name() + "/" + cost(stored);
    }

    /** The cost of a stored bcrypt hash, or -1 if it is not one. */
    public static int cost(String stored) {
        Matcher m = MCF.matcher(stored);
        return m.matches() ? Integer.parseInt(m.group(2)) : -1;
    }

    /**
     * A new hash of this version ({@code 2a}, {@code 2b} or {@code 2y}) and cost.
     *
     * @throws IllegalArgumentException if the password is longer than {@link #MAX_PASSWORD_BYTES} in UTF-8
     */
    public static String hash(String version, int cost, char[] password) {
        byte[] bytes = utf8(password);
        if (bytes.length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("bcrypt reads at most " + MAX_PASSWORD_BYTES + " bytes of a password");
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate(version, bytes, salt, cost);
    }

    /** Checks a version and cost from the settings. */
    public static void requireUsable(String version, int cost) {
        if (!version.equals("2a") && !version.equals("2b") && !version.equals("2y")) {
            throw new IllegalArgumentException("bcrypt version must be 2y, 2b or 2a, was " + version);
        }
        if (cost < 10 || cost > MAX_COST) {
            throw new IllegalArgumentException("bcrypt cost must be between 10 and " + MAX_COST + ", was " + cost);
        }
    }

    static byte[] utf8(char[] password) {
        return new String(password).getBytes(StandardCharsets.UTF_8);
    }
}
