package io.resetflow.mailedlink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in a mailed link (a reset link, a registration link): 32 bytes from {@link SecureRandom}
 * (256 bits), base64url without padding. Only its SHA-256 digest is ever stored; the secret itself exists
 * in the mail alone.
 */
public final class LinkSecret {

    static final int BYTES = 32;

    /** 32 bytes in unpadded base64url are exactly 43 characters. */
    static final int LENGTH = 43;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkSecret() {
    }

    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of a secret. */
    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The digest of a value that has the shape of a secret; anything else (empty, huge, odd characters) gives empty. */
    public static Optional<byte[]> digestIfWellFormed(String candidate) {
        if (candidate == null || candidate.length() != LENGTH || !WELL_FORMED.matcher(candidate).matches()) {
            return Optional.empty();
        }
        return Optional.of(digest(candidate));
    }
}
