package io.resetflow.registration;

import io.resetflow.user.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/**
 * A registration token: the proof, once its link is followed, that the person owns the address. Its secret
 * ({@link io.resetflow.web.LinkSecret}) exists only in the mailed link; this row keeps the digest, the address
 * as typed, the language of the page it was asked for on, the lifetime and the use. One row per canonical
 * address: a newer request replaces the older link.
 */
@Entity
@Table(name = "registration_token")
public class RegistrationToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "canonical_email", nullable = false, unique = true, updatable = false, length = User.EMAIL_MAX_LENGTH)
    private String canonicalEmail;

    @Column(nullable = false, length = User.EMAIL_MAX_LENGTH)
    private String email;

    @Column(name = "preferred_locale", length = User.LOCALE_MAX_LENGTH)
    private String preferredLocale;

    @Column(name = "token_hash", nullable = false, unique = true, length = 32)
    private byte[] tokenHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected RegistrationToken() {
    }

    RegistrationToken(String canonicalEmail) {
        this.canonicalEmail = canonicalEmail;
    }

    /** Makes this row the address's one live link, replacing whatever it held. */
    void reissue(String email, Locale locale, byte[] digest, Instant now, Instant expires) {
        this.email = email;
        this.preferredLocale = locale == null ? null : locale.toLanguageTag();
        this.tokenHash = digest;
        this.createdAt = now;
        this.expiresAt = expires;
        this.usedAt = null;
    }

    String getEmail() {
        return email;
    }

    Locale getPreferredLocale() {
        return preferredLocale == null ? Locale.ENGLISH : Locale.forLanguageTag(preferredLocale);
    }
}
