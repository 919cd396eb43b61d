package io.resetflow.passwordformat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Django's default password hasher, {@code pbkdf2_sha256$<iterations>$<salt>$<Base64 of 32 bytes>}: PBKDF2 with
 * HMAC-SHA256 over the password's UTF-8 bytes, the salt being the salt text's own bytes (Django's
 * {@code PBKDF2PasswordHasher}), computed by Bouncy Castle.
 */
public final class DjangoPbkdf2Sha256 implements PasswordFormat {

    static final String PREFIX = "pbkdf2_sha256$";
    /** Ten times the write default (1,000,000): a stored value asking for more is refused rather than computed. */
    static final int MAX_ITERATIONS = 10_000_000;
    private static final Pattern STORED = Pattern.compile("pbkdf2_sha256\\$(\\d{1,9})\\$([^$]{1,64})\\$([A-Za-z0-9+/]{43}=)");
    private static final char[] SALT_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "django-pbkdf2-sha256";
    }

    @Override
    public boolean reads(String stored) {
        return stored.startsWith(PREFIX);
    }

    @Override
    public boolean matches(char[] password, String stored) {
        Matcher m = STORED.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        int iterations = Integer.parseInt(m.group(1));
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(m.group(3));
        return MessageDigest.isEqual(derive(password, m.group(2), iterations), expected);
    }

    @Override
    public String costKey(String stored) {
        return name() + "/" + iterations(stored);
    }

    /** The iterations of a stored value, or -1 if it is not one. */
    public static int iterations(String stored) {
        Matcher m = STORED.matcher(stored);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** A new value with a fresh salt of 22 letters and digits, as Django makes them (about 131 bits). */
    public static String hash(int iterations, char[] password) {
        StringBuilder salt = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            salt.append(SALT_ALPHABET[RANDOM.nextInt(SALT_ALPHABET.length)]);
        }
        return PREFIX + iterations + "$" + salt + "$" + Base64.getEncoder().encodeToString(derive(password, salt.toString(), iterations));
    }

    private static byte[] derive(char[] password, String salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(Bcrypt.utf8(password), salt.getBytes(StandardCharsets.UTF_8), iterations);
        return ((KeyParameter) generator.generateDerivedMacParameters(256)).getKey();
    }
}
