package io.resetflow.passwordreset;

import io.resetflow.audit.AuditLog;
import io.resetflow.mail.MailOutbox;
import io.resetflow.user.PasswordChanged;
import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The token table's transactions. Each public method is one transaction. */
@ApplicationScoped
@Transactional
public class ResetTokens {

    @PersistenceContext
    EntityManager em;

    @Inject
    UserService users;

    @Inject
    MailOutbox outbox;

    @Inject
    ResetMails mails;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    ResetSettings settings;

    /**
     * Gives the account with this canonical address a new token (replacing any older one) and enqueues
     * the mail with its link, in one transaction. An unknown address changes nothing.
     */
    public void issue(String canonicalEmail) {
        users.findByCanonicalEmailForUpdate(canonicalEmail).ifPresentOrElse(user -> {
            String token = ResetToken.generate();
            Instant now = clock.instant();
            PasswordResetToken row = em.createQuery(
                            "SELECT t FROM PasswordResetToken t WHERE t.userId = :userId", PasswordResetToken.class)
                    .setParameter("userId", user.getId())
                    .getResultStream()
                    .findFirst()
                    .orElseGet(() -> new PasswordResetToken(user.getId()));
            row.reissue(ResetToken.digest(token), now, settings.expiryFor(now));
            if (!em.contains(row)) {
                em.persist(row);
            }
            outbox.enqueue(mails.resetLink(user, settings.linkFor(token), settings.tokenLifetime()));
            audit.resetTokenIssued(user.getId());
        }, audit::resetRequestForUnknownAddress);
    }

    /** Whether a token with this digest exists, is unused and has not expired. Changes nothing. */
    public boolean isUsable(byte[] digest) {
        return em.createQuery("SELECT COUNT(t) FROM PasswordResetToken t"
                        + " WHERE t.tokenHash = :digest AND t.usedAt IS NULL AND t.expiresAt > :now", Long.class)
                .setParameter("digest", digest)
                .setParameter("now", clock.instant())
                .getSingleResult() == 1L;
    }

    /**
     * Claims the token (one conditional update that must touch exactly one row) and sets the new password
     * hash in the same transaction; of many concurrent calls with one token exactly one succeeds.
     *
     * @throws InvalidResetTokenException if the token is unknown, expired or already used
     */
    public User claimAndSetPassword(byte[] digest, String newPasswordHash, ClientInfo client) {
        Instant now = clock.instant();
        int claimed = em.createQuery("UPDATE PasswordResetToken t SET t.usedAt = :now"
                        + " WHERE t.tokenHash = :digest AND t.usedAt IS NULL AND t.expiresAt > :now")
                .setParameter("now", now)
                .setParameter("digest", digest)
                .executeUpdate();
        if (claimed != 1) {
            throw new InvalidResetTokenException();
        }
        long userId = em.createQuery("SELECT t.userId FROM PasswordResetToken t WHERE t.tokenHash = :digest", Long.class)
                .setParameter("digest", digest)
                .getSingleResult();
        User user = users.changePasswordHash(userId, newPasswordHash);
        outbox.enqueue(mails.passwordChanged(user, now, client));
        return user;
    }

    /** A password changed by any path: whatever token the account had is dead. */
    void revokeOnPasswordChange(@Observes PasswordChanged event) {
        em.createQuery("UPDATE PasswordResetToken t SET t.usedAt = :now WHERE t.userId = :userId AND t.usedAt IS NULL")
                .setParameter("now", clock.instant())
                .setParameter("userId", event.userId())
                .executeUpdate();
    }

    /** Deletes tokens that expired or were used more than {@code retention} ago. */
    public int purge(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        return em.createQuery("DELETE FROM PasswordResetToken t WHERE t.expiresAt < :cutoff"
                        + " OR (t.usedAt IS NOT NULL AND t.usedAt < :cutoff)")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
