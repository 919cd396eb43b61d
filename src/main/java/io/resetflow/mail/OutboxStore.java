package io.resetflow.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox table's state changes, each in its own short transaction (the SMTP conversation happens
 * between them, never inside one).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OutboxStore {

    private static final Logger LOG = Logger.getLogger(OutboxStore.class.getName());

    /** How long a claimed message is reserved for the dispatcher that claimed it. */
    static final Duration LEASE = Duration.ofMinutes(2);

    private static final int BATCH = 20;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "mail.retry.initial-delay-seconds")
    long initialDelaySeconds;

    @Inject
    @ConfigProperty(name = "mail.retry.max-delay-seconds")
    long maxDelaySeconds;

    @Inject
    @ConfigProperty(name = "mail.retry.max-attempts")
    int maxAttempts;

    /**
     * Claims up to a batch of due messages by moving their next attempt past the lease; a message another
     * dispatcher claimed first is skipped.
     */
    public List<Long> claimDue() {
        Instant now = clock.instant();
        List<Object[]> due = em.createQuery(
                        "SELECT m.id, m.nextAttemptAt FROM OutboxMessage m"
                                + " WHERE m.sentAt IS NULL AND m.failedAt IS NULL AND m.nextAttemptAt <= :now"
                                + " ORDER BY m.nextAttemptAt", Object[].class)
                .setParameter("now", now)
                .setMaxResults(BATCH)
                .getResultList();
        List<Long> claimed = new ArrayList<>();
        for (Object[] row : due) {
            int updated = em.createQuery(
                            "UPDATE OutboxMessage m SET m.nextAttemptAt = :lease"
                                    + " WHERE m.id = :id AND m.nextAttemptAt = :seen AND m.sentAt IS NULL")
                    .setParameter("lease", now.plus(LEASE))
                    .setParameter("id", row[0])
                    .setParameter("seen", row[1])
                    .executeUpdate();
            if (updated == 1) {
                claimed.add((Long) row[0]);
            }
        }
        return claimed;
    }

    public Optional<OutgoingMail> load(long id) {
        return Optional.ofNullable(em.find(OutboxMessage.class, id))
                .filter(m -> !m.isFailed())
                .map(OutboxMessage::toMail);
    }

    public void markDelivered(long id) {
        em.find(OutboxMessage.class, id).delivered(clock.instant());
    }

    public void markFailed(long id, String error) {
        OutboxMessage message = em.find(OutboxMessage.class, id);
        Instant now = clock.instant();
        message.attemptFailed(error, now.plus(retryDelay(message.getAttempts() + 1)), maxAttempts, now);
        if (message.isFailed()) {
            LOG.severe(() -> "Mail " + id + " given up after " + maxAttempts + " attempts: " + error);
        }
    }

    /** Exponential back-off: initial delay, doubled per failed attempt, capped. */
    Duration retryDelay(int failedAttempts) {
        return RetryBackoff.delay(failedAttempts, Duration.ofSeconds(initialDelaySeconds), Duration.ofSeconds(maxDelaySeconds));
    }

    /** Deletes delivered and abandoned messages older than the given age. */
    public int purgeFinishedBefore(Instant cutoff) {
        return em.createQuery("DELETE FROM OutboxMessage m WHERE (m.sentAt IS NOT NULL AND m.sentAt < :cutoff)"
                        + " OR (m.failedAt IS NOT NULL AND m.failedAt < :cutoff)")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
    }
}
