package io.resetflow.mail;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

/** Deletes outbox records a week after they were delivered or given up. */
@Singleton
public class OutboxPurgeJob {

    private static final Logger LOG = Logger.getLogger(OutboxPurgeJob.class.getName());

    static final Duration RETENTION = Duration.ofDays(7);

    @Inject
    OutboxStore store;

    @Inject
    Clock clock;

    @Schedule(hour = "*", minute = "7", persistent = false, info = "mail outbox purge")
    void purge() {
        int deleted = store.purgeFinishedBefore(clock.instant().minus(RETENTION));
        LOG.fine(() -> "Purged " + deleted + " finished outbox records");
    }
}
