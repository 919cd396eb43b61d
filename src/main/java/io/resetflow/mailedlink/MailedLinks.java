package io.resetflow.mailedlink;

import io.resetflow.audit.AuditLog;
import io.resetflow.background.Purge;
import io.resetflow.mail.MailOutbox;
import io.resetflow.mail.MailRequest;
import io.resetflow.mail.RequestNotRecordedException;
import io.resetflow.throttle.Throttle;
import io.resetflow.user.EmailAddress;
import io.resetflow.user.PasswordChanged;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.PublicLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every mailed link's life: made when its mail is sent, checked when it is opened, used once, dead when a newer
 * one is made or its account's password changes, purged a day later (every {@code purge.interval-seconds}). The features say only what a link is for
 * ({@link LinkPurpose}) and what happens once it is used. Each public method is one short transaction, or joins
 * the caller's.
 */
@ApplicationScoped
@Transactional
public class MailedLinks implements Purge {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PublicLinks publicLinks;

    @Inject
    Throttle throttle;

    @Inject
    AuditLog audit;

    @Inject
    MailOutbox outbox;

    /**
     * Asks for a link to be mailed to the account that has this address, if any: the mail goes to the address the
     * account has on record, never to the text typed. See {@link #request}.
     */
    @Transactional(Transactional.TxType.SUPPORTS) // the outbox commits the request in a transaction of its own
    public void requestForAccount(LinkPurpose purpose, String typedEmail, ClientInfo client) {
        request(purpose, typedEmail, false, Optional.empty(), client);
    }

    /**
     * Asks for a link to be mailed to the address as typed (no account holds it yet), in this language. See
     * {@link #request}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void requestForAddress(LinkPurpose purpose, String typedEmail, Locale locale, ClientInfo client) {
        request(purpose, typedEmail, true, Optional.of(locale), client);
    }

    /**
     * Records a request for a link: committed to the outbox before this returns, with the same one insert for every
     * address (known or not, malformed, throttled or not), so neither the answer nor its timing tells them apart.
     * The link and its mail are made afterwards, on any node, by the purpose's {@code MailPreparer}. The request
     * takes its places in the purpose's limits per client network and per canonical address; one over either is
     * recorded as throttled and never sent.
     *
     * @throws RequestNotRecordedException if the database did not take it; then nothing was kept and no place in a
     *                                     limit was used
     */
    private void request(LinkPurpose purpose, String typedEmail, boolean toTypedAddress, Optional<Locale> locale, ClientInfo client) {
        Optional<String> canonical = EmailAddress.canonicalIfPlausible(typedEmail);
        Throttle.RequestPlaces places;
        try {
            places = throttle.takeRequestPlaces(purpose.requestsPerClient(), client.network(), purpose.requestsPerAddress(),
                    canonical.orElse(""));
        } catch (Throttle.StoreUnavailableException e) {
            // The limits live in the database (throttle.store=database), which did not answer: nothing was kept.
            audit.requestNotRecorded(purpose.name(), client.address());
            throw new RequestNotRecordedException(e);
        }
        Optional<String> recipient = toTypedAddress ? canonical.map(c -> EmailAddress.asEntered(typedEmail)) : Optional.empty();
        outbox.record(new MailRequest(purpose.name(), canonical, recipient, locale), client.address(), places.refusedBy(),
                places::giveBack);
    }

    /**
     * Makes a new link of this purpose for this address, replacing the address's older link of the same purpose,
     * so only the newest works. The secret exists only in the link returned, to be mailed; the table keeps its
     * digest.
     *
     * @param account the account the link acts on; empty while none exists
     * @param email   the address the link is mailed to
     * @param locale  the language of the mail
     * @return the link, the configured public base URL with the purpose's page and the secret
     */
    public String issue(LinkPurpose purpose, String canonicalEmail, Optional<Long> account, String email, Locale locale) {
        String secret = LinkSecret.generate();
        Instant now = clock.instant();
        MailedLink row = em.createQuery("SELECT l FROM MailedLink l WHERE l.purpose = :purpose AND l.canonicalEmail = :canonical",
                        MailedLink.class)
                .setParameter("purpose", purpose.name())
                .setParameter("canonical", canonicalEmail)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> new MailedLink(purpose.name(), canonicalEmail));
        row.reissue(account, email, locale, LinkSecret.digest(secret), now, purpose.expiryFor(now));
        if (!em.contains(row)) {
            em.persist(row);
            // Two first links for one address are made one after the other (the outbox locks the address's
            // requests first); should an insert still meet a concurrent one, it fails here, before anything else
            // of its transaction happens, and the outbox tries the request again later.
            em.flush();
        }
        return publicLinks.to(purpose.page(), secret);
    }

    /**
     * Checks a link opened by a client; never uses it. Wrong, expired and used links count against the client's
     * limit; a client over it gets "invalid" for every link without a database look-up, so secrets cannot be
     * guessed. The place in the limit is taken before the look-up (and given back for a usable link), so
     * parallel guesses get no more look-ups than sequential ones.
     *
     * @param digest the digest of the secret in the link; empty when the secret was malformed
     */
    public boolean check(LinkPurpose purpose, Optional<byte[]> digest, ClientInfo client) {
        Optional<Throttle.Permit> permit = throttle.tryAcquire(Map.of(purpose.attempts(), client.network()));
        if (permit.isEmpty()) {
            audit.linkThrottled(purpose.name(), client.address());
            return false;
        }
        boolean usable = digest.isPresent() && findUsable(purpose, digest.get()).isPresent();
        if (usable) {
            permit.get().refund();
        } else {
            audit.linkFailed(purpose.name(), "invalid_link", client.address());
        }
        return usable;
    }

    /** The address the link with this digest was mailed to, masked ({@code j•••@example.org}), while it is usable. */
    public Optional<String> maskedAddressIfUsable(LinkPurpose purpose, byte[] digest) {
        return digest == null ? Optional.empty() : findUsable(purpose, digest).map(link -> EmailAddress.masked(link.getEmail()));
    }

    /**
     * Uses a link, in the caller's transaction: of many concurrent uses of one link exactly one succeeds (one
     * conditional update that must touch one row), and should the caller's transaction roll back, the link is
     * usable again. The form the link's page offers is there only while its link is usable, so a link found
     * unusable here was used, replaced or expired in the meantime; only that, and a client over its limit,
     * count against the client's attempts.
     *
     * @param beforeLookUp the feature's check of what the person typed (a password to hash, say), run once the
     *                     client has its place in the limit and before any query, so no connection is held
     *                     while it runs; if it throws, the place is given back, the link is untouched and the
     *                     exception goes to the caller
     * @return the link, now used, and what {@code beforeLookUp} returned
     * @throws InvalidLinkException if the link is unknown, expired or used, or the client is over its limit
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> Used<T> use(LinkPurpose purpose, byte[] digest, ClientInfo client, Supplier<T> beforeLookUp) {
        Throttle.Permit permit = throttle.tryAcquire(Map.of(purpose.attempts(), client.network())).orElseThrow(() -> {
            audit.linkThrottled(purpose.name(), client.address());
            return new InvalidLinkException();
        });
        if (digest == null) {
            throw invalid(purpose, "invalid_token", client);
        }
        T checked;
        try {
            checked = beforeLookUp.get();
        } catch (RuntimeException e) {
            permit.refund();
            throw e;
        }
        MailedLink link = findUsable(purpose, digest).orElseThrow(() -> invalid(purpose, "invalid_token", client));
        int used = em.createQuery("UPDATE MailedLink l SET l.usedAt = :now"
                        + " WHERE l.id = :id AND l.usedAt IS NULL AND l.expiresAt > :now")
                .setParameter("now", clock.instant())
                .setParameter("id", link.getId())
                .executeUpdate();
        permit.refund();
        if (used != 1) {
            audit.linkFailed(purpose.name(), "token_claimed_concurrently", client.address());
            throw new InvalidLinkException();
        }
        return new Used<>(link, checked);
    }

    /** A link just used, and what the feature checked before it was looked up. */
    public record Used<T>(MailedLink link, T checked) {
    }

    private InvalidLinkException invalid(LinkPurpose purpose, String reason, ClientInfo client) {
        audit.linkFailed(purpose.name(), reason, client.address());
        return new InvalidLinkException();
    }

    private Optional<MailedLink> findUsable(LinkPurpose purpose, byte[] digest) {
        return em.createQuery("SELECT l FROM MailedLink l WHERE l.tokenHash = :digest AND l.purpose = :purpose"
                        + " AND l.usedAt IS NULL AND l.expiresAt > :now", MailedLink.class)
                .setParameter("digest", digest)
                .setParameter("purpose", purpose.name())
                .setParameter("now", clock.instant())
                .getResultStream()
                .findFirst();
    }

    /** A password changed by any path: every link that acts on the account is dead. */
    void revokeOnPasswordChange(@Observes PasswordChanged event) {
        em.createQuery("UPDATE MailedLink l SET l.usedAt = :now WHERE l.accountId = :account AND l.usedAt IS NULL")
                .setParameter("now", clock.instant())
                .setParameter("account", event.userId())
                .executeUpdate();
    }

    /** How long a dead link is kept, for the audit trail of a reset gone wrong. */
    static final Duration RETENTION = Duration.ofDays(1);

    @Override
    public String purged() {
        return "dead mailed links";
    }

    /** Deletes links that expired or were used more than a day ago; returns how many. */
    @Override
    public int purge() {
        Instant cutoff = clock.instant().minus(RETENTION);
        return em.createQuery("DELETE FROM MailedLink l WHERE l.expiresAt < :cutoff OR (l.usedAt IS NOT NULL AND l.usedAt < :cutoff)")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
