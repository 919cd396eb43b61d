package io.resetflow.mail;

import io.resetflow.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What happens when a step of delivering a row fails: a failed attempt is rescheduled with exponential back-off
 * (by the database's clock) or, at the last one, given up; a sent mail whose row cannot be marked sent is marked
 * again while the database is away, so it is never sent twice because of a short outage.
 */
@ApplicationScoped
public class OutboxRetries {

    private static final Logger LOG = Logger.getLogger(OutboxRetries.class.getName());

    /** Tries at marking a sent mail as sent, about a minute's worth, while the database is away. */
    static final int FINISH_ATTEMPTS = 12;

    @Inject
    OutboxStore store;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "mail.outbox.lease-seconds")
    int leaseSeconds;

    @Inject
    @ConfigProperty(name = "mail.retry.initial-delay-seconds")
    long initialDelaySeconds;

    @Inject
    @ConfigProperty(name = "mail.retry.max-delay-seconds")
    long maxDelaySeconds;

    @Inject
    @ConfigProperty(name = "mail.retry.max-attempts")
    int maxAttempts;

    /** Counts a failed attempt at this row: due again after the back-off, or given up at the last attempt. */
    void attemptFailed(OutboxJob job, Exception e) {
        int attempt = job.attempts() + 1;
        boolean last = attempt >= maxAttempts;
        String error = MailDelivery.causes(e);
        try {
            store.attemptFailed(job.id(), error, retryDelay(attempt).toSeconds(), last);
        } catch (RuntimeException storeFailure) {
            LOG.log(Level.WARNING, "Mail outbox: request {0} failed and could not be rescheduled ({1}); it is due again"
                    + " when its lease runs out", new Object[] {job.id(), MailDelivery.causes(storeFailure)});
            return;
        }
        String what = job.isEvent() ? "event " + job.eventId().get() + " (" + job.kind() + ", request " + job.id() + ")"
                : "request " + job.id();
        if (last) {
            if (job.isEvent()) {
                audit.eventGivenUp(job.id(), job.kind(), attempt);
            } else {
                audit.mailGivenUp(job.id(), job.kind(), attempt);
            }
            LOG.severe(() -> "Mail outbox: " + what + " given up after " + attempt + " attempts: " + error);
        } else {
            if (job.isEvent()) {
                audit.eventRetried(job.id(), job.kind(), attempt, e.getClass().getSimpleName());
            } else {
                audit.mailRetried(job.id(), job.kind(), attempt, e.getClass().getSimpleName());
            }
            LOG.warning(() -> "Mail outbox: " + what + " not " + (job.isEvent() ? "delivered" : "sent") + " yet (attempt "
                    + attempt + ", " + error + "); next attempt in " + retryDelay(attempt).toSeconds() + " s");
        }
    }

    /** Exponential back-off: initial delay, doubled per failed attempt, capped. */
    Duration retryDelay(int failedAttempts) {
        return RetryBackoff.delay(failedAttempts, Duration.ofSeconds(initialDelaySeconds), Duration.ofSeconds(maxDelaySeconds));
    }

    /**
     * Marks a sent mail as sent, trying again while the database is away: until then the row stays claimed by
     * this node (its lease renewed once the database is back), so a database outage shorter than a lease never
     * makes another node send the mail again.
     *
     * @param running whether this node still runs; a node that stops tries no more
     */
    void markSent(OutboxJob job, BooleanSupplier running) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.finish(job.id(), Outcome.SENT);
                return;
            } catch (RuntimeException e) {
                if (!running.getAsBoolean() || attempt >= FINISH_ATTEMPTS) {
                    LOG.log(Level.SEVERE, "Mail outbox: request {0} was sent but could not be marked so ({1}); it is sent"
                            + " again when its lease runs out", new Object[] {job.id(), MailDelivery.causes(e)});
                    return;
                }
                try {
                    Thread.sleep(Math.min(1000L * attempt, leaseSeconds * 1000L / 3));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
