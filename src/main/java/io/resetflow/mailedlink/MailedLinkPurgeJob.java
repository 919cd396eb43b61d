package io.resetflow.mailedlink;

import io.resetflow.background.ApplicationStart;
import io.resetflow.background.RepeatingTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes mailed links a day after they expired or were used, every {@code purge.interval-seconds}. Every
 * node runs it; the delete is idempotent.
 */
@ApplicationScoped
public class MailedLinkPurgeJob {

    private static final Logger LOG = Logger.getLogger(MailedLinkPurgeJob.class.getName());

    static final Duration RETENTION = Duration.ofDays(1);

    @Inject
    RepeatingTasks tasks;

    @Inject
    MailedLinks links;

    @Inject
    @ConfigProperty(name = "purge.interval-seconds")
    long intervalSeconds;

    void start(@Observes ApplicationStart.Started applicationStarted) {
        tasks.every(Duration.ofSeconds(intervalSeconds), "Mailed link purge", this::purge);
    }

    void purge() {
        int purged = links.purge(RETENTION);
        if (purged > 0) {
            LOG.info(() -> "Purged " + purged + " dead mailed links");
        }
    }
}
