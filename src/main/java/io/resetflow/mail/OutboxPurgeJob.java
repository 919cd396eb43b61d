package io.resetflow.mail;

import io.resetflow.background.ApplicationStart;
import io.resetflow.background.RepeatingTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes outbox records a week (by the database's clock) after they were sent, dropped or given up, every {@code purge.interval-seconds}.
 * Every node runs it; the delete is idempotent.
 */
@ApplicationScoped
public class OutboxPurgeJob {

    private static final Logger LOG = Logger.getLogger(OutboxPurgeJob.class.getName());

    static final int RETENTION_DAYS = 7;

    @Inject
    RepeatingTasks tasks;

    @Inject
    OutboxStore store;

    @Inject
    @ConfigProperty(name = "purge.interval-seconds")
    long intervalSeconds;

    void start(@Observes ApplicationStart.Started applicationStarted) {
        tasks.every(Duration.ofSeconds(intervalSeconds), "Outbox purge", this::purge);
    }

    void purge() {
        int purged = store.purgeFinishedBefore(RETENTION_DAYS);
        if (purged > 0) {
            LOG.info(() -> "Purged " + purged + " finished outbox records");
        }
    }
}
