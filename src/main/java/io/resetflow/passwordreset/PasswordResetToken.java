package io.resetflow.passwordreset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A reset token. Its secret is 32 bytes from {@link SecureRandom} (256 bits), base64url without padding,
 * and exists only in the mailed link; this row keeps the secret's SHA-256 digest, the lifetime and the
 * use. The table holds at most one row per account (unique user_id), so a newer request replaces the
 * older token by construction.
 */
@Entity
@Table(name = "password_reset_token")
public class PasswordResetToken {

    static final int SECRET_BYTES = 32;

    /** 32 bytes in unpadded base64url are exactly 43 characters. */
    static final int SECRET_LENGTH = 43;

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{" + SECRET_LENGTH + "}");

    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false, unique = true, updatable = false)
    private long userId;

    @Column(name = "token_hash", nullable = false, unique = true, length = 32)
    private byte[] tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected PasswordResetToken() {
    }

    PasswordResetToken(long userId) {
        this.userId = userId;
    }

    /** A new secret for a link. */
    static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What is stored of a secret. */
    static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The digest of a value that has the shape of a secret; anything else (empty, huge, odd characters) gives empty. */
    static Optional<byte[]> digestIfWellFormed(String candidate) {
        if (candidate == null || candidate.length() != SECRET_LENGTH || !WELL_FORMED.matcher(candidate).matches()) {
            return Optional.empty();
        }
        return Optional.of(digest(candidate));
    }

    /** Makes this row the account's one live token, replacing whatever it held. */
    void reissue(byte[] digest, Instant now, Instant expires) {
        this.tokenHash = digest;
        this.createdAt = now;
        this.expiresAt = expires;
        this.usedAt = null;
    }
}
