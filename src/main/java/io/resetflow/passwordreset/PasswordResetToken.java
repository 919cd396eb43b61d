package io.resetflow.passwordreset;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A reset token. Its secret ({@link io.resetflow.web.LinkSecret}) exists only in the mailed link; this row
 * keeps the secret's SHA-256 digest, the lifetime and the use. The table holds at most one row per account (unique user_id), so a newer request replaces the
 * older token by construction.
 */
@Entity
@Table(name = "password_reset_token")
public class PasswordResetToken {

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

    /** Makes this row the account's one live token, replacing whatever it held. */
    void reissue(byte[] digest, Instant now, Instant expires) {
        this.tokenHash = digest;
        this.createdAt = now;
        this.expiresAt = expires;
        this.usedAt = null;
    }
}
