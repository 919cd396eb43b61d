package io.resetflow.passwordreset;

import io.resetflow.user.PasswordChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The token table's short transactions. Each public method is one, or joins the caller's. */
@ApplicationScoped
@Transactional
public class PasswordResetTokenStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Makes this digest the account's one live token, replacing any older one. */
    public void replace(long userId, byte[] digest, Instant issuedAt, Instant expiresAt) {
        PasswordResetToken row = em.createQuery(
                        "SELECT t FROM PasswordResetToken t WHERE t.userId = :userId", PasswordResetToken.class)
                .setParameter("userId", userId)
                .getResultStream()
                .findFirst()
                .orElseGet(() -> new PasswordResetToken(userId));
        row.reissue(digest, issuedAt, expiresAt);
        if (!em.contains(row)) {
            em.persist(row);
        }
    }

    /** Whether a token with this digest exists, is unused and has not expired. Changes nothing. */
    public boolean isUsable(byte[] digest) {
        return em.createQuery("SELECT COUNT(t) FROM PasswordResetToken t"
                        + " WHERE t.tokenHash = :digest AND t.usedAt IS NULL AND t.expiresAt > :now", Long.class)
                .setParameter("digest", digest)
                .setParameter("now", clock.instant())
                .getSingleResult() == 1L;
    }

    /** The stored address of the account whose usable token has this digest; empty if none is usable. */
    public Optional<String> findAddressIfUsable(byte[] digest) {
        return em.createQuery("SELECT u.email FROM PasswordResetToken t, User u WHERE u.id = t.userId"
                        + " AND t.tokenHash = :digest AND t.usedAt IS NULL AND t.expiresAt > :now", String.class)
                .setParameter("digest", digest)
                .setParameter("now", clock.instant())
                .getResultStream()
                .findFirst();
    }

    /**
     * Claims the token: one conditional update that must touch exactly one row, so of many concurrent
     * claims of one token exactly one succeeds.
     *
     * @return the account the token belongs to; empty if it is unknown, expired or already used
     */
    public Optional<Long> claim(byte[] digest) {
        int claimed = em.createQuery("UPDATE PasswordResetToken t SET t.usedAt = :now"
                        + " WHERE t.tokenHash = :digest AND t.usedAt IS NULL AND t.expiresAt > :now")
                .setParameter("now", clock.instant())
                .setParameter("digest", digest)
                .executeUpdate();
        if (claimed != 1) {
            return Optional.empty();
        }
        return Optional.of(em.createQuery("SELECT t.userId FROM PasswordResetToken t WHERE t.tokenHash = :digest", Long.class)
                .setParameter("digest", digest)
                .getSingleResult());
    }

    /** A password changed by any path: whatever token the account had is dead. */
    void revokeOnPasswordChange(@Observes PasswordChanged event) {
        em.createQuery("UPDATE PasswordResetToken t SET t.usedAt = :now WHERE t.userId = :userId AND t.usedAt IS NULL")
                .setParameter("now", clock.instant())
                .setParameter("userId", event.userId())
                .executeUpdate();
    }

    /** Deletes tokens that expired or were used more than {@code retention} ago; returns how many. */
    public int purge(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        return em.createQuery("DELETE FROM PasswordResetToken t WHERE t.expiresAt < :cutoff"
                        + " OR (t.usedAt IS NOT NULL AND t.usedAt < :cutoff)")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
