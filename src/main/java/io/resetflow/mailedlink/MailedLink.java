package io.resetflow.mailedlink;

import io.resetflow.user.EmailAddress;
import io.resetflow.user.User;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A mailed link's stored record. Its secret ({@link LinkSecret}) exists only in the mail; this row keeps the
 * secret's SHA-256 digest, what the link is for (purpose, address, account), the lifetime and the use. The table
 * holds at most one row per purpose and canonical address, so a newer link replaces the older by construction.
 */
@Entity
@Table(name = "mailed_link")
public class MailedLink {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, updatable = false, length = 32)
    private String purpose;

    @Column(name = "canonical_email", nullable = false, updatable = false, length = EmailAddress.MAX_LENGTH)
    private String canonicalEmail;

    @Column(name = "account_id")
    private Long accountId;

    @Column(nullable = false, length = EmailAddress.MAX_LENGTH)
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

    protected MailedLink() {
    }

    MailedLink(String purpose, String canonicalEmail) {
        this.purpose = purpose;
        this.canonicalEmail = canonicalEmail;
    }

    /** Makes this row the address's one live link of its purpose, replacing whatever it held. */
    void reissue(Optional<Long> account, String email, Locale locale, byte[] digest, Instant now, Instant expires) {
        this.accountId = account.orElse(null);
        this.email = email;
        this.preferredLocale = locale == null ? null : locale.toLanguageTag();
        this.tokenHash = digest;
        this.createdAt = now;
        this.expiresAt = expires;
        this.usedAt = null;
    }

    Long getId() {
        return id;
    }

    /** The account the link acts on; empty while none exists (a registration link). */
    public Optional<Long> getAccountId() {
        return Optional.ofNullable(accountId);
    }

    /** The address the link was mailed to. */
    public String getEmail() {
        return email;
    }

    /** The language of the mail the link came in. */
    public Locale getPreferredLocale() {
        return preferredLocale == null ? Locale.ENGLISH : Locale.forLanguageTag(preferredLocale);
    }
}
