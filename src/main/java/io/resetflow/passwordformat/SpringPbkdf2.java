package io.resetflow.passwordformat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Spring Security's {@code Pbkdf2PasswordEncoder} (after the {@code {pbkdf2}} prefix): the hex of a 16-byte salt
 * followed by the derived key, PBKDF2 over the salt and the encoder's secret. The value names none of its
 * parameters, so they are settings that must equal the host's encoder's; the defaults are Spring Security's own
 * ({@code defaultsForSpringSecurity_v5_8}: HMAC-SHA256, 310,000 iterations, no secret). Computed by Bouncy Castle.
 */
public final class SpringPbkdf2 implements PasswordFormat {

    private static final int SALT_BYTES = 16;

    private final String algorithm;
    private final int iterations;
    private final byte[] secret;

    /**
     * @param algorithm {@code PBKDF2WithHmacSHA256}, {@code PBKDF2WithHmacSHA512} or {@code PBKDF2WithHmacSHA1}
     */
    public SpringPbkdf2(String algorithm, int iterations, String secret) {
        digest(algorithm);
        if (iterations < 1) {
            throw new IllegalArgumentException("Spring PBKDF2 iterations must be positive, was " + iterations);
        }
        this.algorithm = algorithm;
        this.iterations = iterations;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "spring-pbkdf2";
    }

    @Override
    public boolean reads(String stored) {
        return true;
    }

    @Override
    public boolean matches(char[] password, String stored) {
        Digest digest = digest(algorithm);
        int keyBytes = digest.getDigestSize();
        if (stored.length() != 2 * (SALT_BYTES + keyBytes)) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = HexFormat.of().parseHex(stored);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        byte[] salt = new byte[SALT_BYTES + secret.length];
        System.arraycopy(decoded, 0, salt, 0, SALT_BYTES);
        System.arraycopy(secret, 0, salt, SALT_BYTES, secret.length);
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(digest);
        generator.init(Bcrypt.utf8(password), salt, iterations);
        byte[] key = ((KeyParameter) generator.generateDerivedMacParameters(keyBytes * 8)).getKey();
        byte[] expected = new byte[keyBytes];
        System.arraycopy(decoded, SALT_BYTES, expected, 0, keyBytes);
        return MessageDigest.isEqual(key, expected);
    }

    private static Digest digest(String algorithm) {
        return switch (algorithm) {
            case "PBKDF2WithHmacSHA256" -> new SHA256Digest();
            case "PBKDF2WithHmacSHA512" -> new SHA512Digest();
            case "PBKDF2WithHmacSHA1" -> new SHA1Digest();
            default -> throw new IllegalArgumentException(
                    "Spring PBKDF2 algorithm must be PBKDF2WithHmacSHA256, PBKDF2WithHmacSHA512 or PBKDF2WithHmacSHA1, was " + algorithm);
        };
    }
}
