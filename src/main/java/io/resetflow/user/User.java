package io.resetflow.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/**
 * An account. The e-mail is kept twice: as the person typed it (where mail goes) and in canonical form
 * (what look-ups compare, byte-exactly, under a unique index).
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = User.FIND_BY_CANONICAL_EMAIL,
        query = "SELECT u FROM User u WHERE u.canonicalEmail = :canonicalEmail")
public class User {

    static final String FIND_BY_CANONICAL_EMAIL = "User.findByCanonicalEmail";

    public static final int EMAIL_MAX_LENGTH = EmailAddress.MAX_LENGTH;
    public static final int DISPLAY_NAME_MAX_LENGTH = 100;
    public static final int LOCALE_MAX_LENGTH = 35;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = EMAIL_MAX_LENGTH)
    private String email;

    @Column(name = "canonical_email", nullable = false, length = EMAIL_MAX_LENGTH, unique = true)
    private String canonicalEmail;

    @Column(name = "display_name", nullable = false, length = DISPLAY_NAME_MAX_LENGTH)
    private String displayName;

    @Column(name = "password_hash", nullable = false)
    private String passwordHash;

    @Column(name = "password_changed_at", nullable = false)
    private Instant passwordChangedAt;

    /** Raised whenever the password changes; a session signed in under an older version is ended. */
    @Column(name = "session_version", nullable = false)
    private int sessionVersion;

    @Column(name = "preferred_locale", length = LOCALE_MAX_LENGTH)
    private String preferredLocale;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected User() {
    }

    User(String email, String canonicalEmail, String displayName, String passwordHash, Locale locale, Instant now) {
        this.email = email;
        this.canonicalEmail = canonicalEmail;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.passwordChangedAt = now;
        this.preferredLocale = locale == null ? null : locale.toLanguageTag();
        this.createdAt = now;
    }

    void changePasswordHash(String newHash, Instant now) {
        this.passwordHash = newHash;
        this.passwordChangedAt = now;
        this.sessionVersion++;
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getCanonicalEmail() {
        return canonicalEmail;
    }

    /** The name to greet the person by: their name, or where a host's table has none, their address's local part. */
    public String getDisplayName() {
        return displayName != null ? displayName : email.substring(0, Math.max(0, email.indexOf('@')));
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public Instant getPasswordChangedAt() {
        return passwordChangedAt;
    }

    public int getSessionVersion() {
        return sessionVersion;
    }

    public Locale getPreferredLocale() {
        return preferredLocale == null ? Locale.ENGLISH : Locale.forLanguageTag(preferredLocale);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
