package io.resetflow.passwordreset;

import io.resetflow.background.ApplicationStart;
import io.resetflow.background.RepeatingTasks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes reset tokens a day after they expired or were used, every {@code purge.interval-seconds}. Every
 * node runs it; the delete is idempotent.
 */
@ApplicationScoped
public class PasswordResetTokenPurgeJob {

    private static final Logger LOG = Logger.getLogger(PasswordResetTokenPurgeJob.class.getName());

    static final Duration RETENTION = Duration.ofDays(1);

    @Inject
    RepeatingTasks tasks;

    @Inject
    PasswordResetTokenStore tokens;

    @Inject
    @ConfigProperty(name = "purge.interval-seconds")
    long intervalSeconds;

    void start(@Observes ApplicationStart.Started applicationStarted) {
        tasks.every(Duration.ofSeconds(intervalSeconds), "Reset token purge", this::purge);
    }

    void purge() {
        int purged = tokens.purge(RETENTION);
        if (purged > 0) {
            LOG.info(() -> "Purged " + purged + " dead reset tokens");
        }
    }
}
