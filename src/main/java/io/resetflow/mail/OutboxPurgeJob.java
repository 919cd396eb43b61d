package io.resetflow.mail;

import io.resetflow.background.RepeatingTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes outbox records a week after they were delivered or given up, every {@code purge.interval-seconds}.
 * Every node runs it; the delete is idempotent.
 */
@ApplicationScoped
public class OutboxPurgeJob {

    private static final Logger LOG = Logger.getLogger(OutboxPurgeJob.class.getName());

    static final Duration RETENTION = Duration.ofDays(7);

    @Inject
    RepeatingTasks tasks;

    @Inject
    OutboxStore store;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "purge.interval-seconds")
    long intervalSeconds;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        tasks.every(Duration.ofSeconds(intervalSeconds), "Outbox purge", this::purge);
    }

    void purge() {
        int purged = store.purgeFinishedBefore(clock.instant().minus(RETENTION));
        if (purged > 0) {
            LOG.info(() -> "Purged " + purged + " finished outbox records");
        }
    }
}
