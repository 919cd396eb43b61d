package io.resetflow.maintenance;

import io.resetflow.mail.MailOutbox;
import io.resetflow.passwordreset.PasswordResetTokenStore;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes what no longer serves anyone, every {@code purge.interval-seconds}: reset tokens a day after
 * they expired or were used, and outbox records a week after they were delivered or given up. Every node
 * may run it; the deletes are idempotent.
 */
@ApplicationScoped
public class PurgeJob {

    private static final Logger LOG = Logger.getLogger(PurgeJob.class.getName());

    static final Duration TOKEN_RETENTION = Duration.ofDays(1);
    static final Duration OUTBOX_RETENTION = Duration.ofDays(7);

    @Inject
    PasswordResetTokenStore tokens;

    @Inject
    MailOutbox outbox;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "purge.interval-seconds", defaultValue = "900")
    long intervalSeconds;

    private ScheduledFuture<?> schedule;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        schedule = scheduler.scheduleWithFixedDelay(this::purge, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void purge() {
        try {
            int deadTokens = tokens.purge(TOKEN_RETENTION);
            int mails = outbox.purgeFinished(OUTBOX_RETENTION);
            if (deadTokens + mails > 0) {
                LOG.info(() -> "Purged " + deadTokens + " dead reset tokens and " + mails + " finished outbox records");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Purge failed; it runs again at the next interval", e);
        }
    }
}
