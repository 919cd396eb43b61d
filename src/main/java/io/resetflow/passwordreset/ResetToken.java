package io.resetflow.passwordreset;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secret in a reset link: 32 bytes from {@link SecureRandom} (256 bits), base64url without padding.
 * Only its SHA-256 digest is ever stored; the raw value exists in the mail alone.
 */
public final class ResetToken {

    static final int BYTES = 32;

    /** 32 bytes in unpadded base64url are exactly 43 characters. */
    static final int LENGTH = 43;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{" + LENGTH + "}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private ResetToken() {
    }

    static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The digest of a value that has the shape of a token; anything else (empty, huge, odd characters) gives empty. */
    static Optional<byte[]> digestIfWellFormed(String candidate) {
        if (candidate == null || candidate.length() != LENGTH || !WELL_FORMED.matcher(candidate).matches()) {
            return Optional.empty();
        }
        return Optional.of(digest(candidate));
    }
}
