package io.resetflow.registration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The registration token table's short transactions. Each public method is one, or joins the caller's. */
@ApplicationScoped
@Transactional
public class RegistrationTokenStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Makes this digest the address's one live link, replacing any older one. */
    public void replace(String canonicalEmail, String email, Locale locale, byte[] digest, Instant issuedAt, Instant expiresAt) {
        RegistrationToken row = em.createQuery(
                        "SELECT t FROM RegistrationToken t WHERE t.canonicalEmail = :canonical", RegistrationToken.class)
                .setParameter("canonical", canonicalEmail)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> new RegistrationToken(canonicalEmail));
        row.reissue(email, locale, digest, issuedAt, expiresAt);
        if (!em.contains(row)) {
            em.persist(row);
            // Two first requests for one address are prepared one after the other (the outbox locks the
            // address's requests first); should an insert still meet a concurrent one, it fails here, before
            // anything else of its transaction happens, and the outbox tries the request again later.
            em.flush();
        }
    }

    /** The usable token with this digest; empty if it is unknown, expired or used. Changes nothing. */
    public Optional<RegistrationToken> findUsable(byte[] digest) {
        return em.createQuery("SELECT t FROM RegistrationToken t"
                        + " WHERE t.tokenHash = :digest AND t.usedAt IS NULL AND t.expiresAt > :now", RegistrationToken.class)
                .setParameter("digest", digest)
                .setParameter("now", clock.instant())
                .getResultStream()
                .findFirst();
    }

    /**
     * Claims the token: one conditional update that must touch exactly one row, so of many concurrent
     * claims exactly one succeeds.
     *
     * @return the claimed token; empty if it is unknown, expired or already used
     */
    public Optional<RegistrationToken> claim(byte[] digest) {
        int claimed = em.createQuery("UPDATE RegistrationToken t SET t.usedAt = :now"
                        + " WHERE t.tokenHash = :digest AND t.usedAt IS NULL AND t.expiresAt > :now")
                .setParameter("now", clock.instant())
                .setParameter("digest", digest)
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        return em.createQuery("SELECT t FROM RegistrationToken t WHERE t.tokenHash = :digest", RegistrationToken.class)
                .setParameter("digest", digest)
                .getResultStream()
                .findFirst();
    }

    /** Deletes tokens that expired or were used more than {@code retention} ago; returns how many. */
    public int purge(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        return em.createQuery("DELETE FROM RegistrationToken t WHERE t.expiresAt < :cutoff"
                        + " OR (t.usedAt IS NOT NULL AND t.usedAt < :cutoff)")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
