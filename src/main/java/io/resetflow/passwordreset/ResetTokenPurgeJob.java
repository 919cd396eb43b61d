package io.resetflow.passwordreset;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/** Deletes dead reset tokens a day after they expired or were used. */
@Singleton
public class ResetTokenPurgeJob {

    private static final Logger LOG = Logger.getLogger(ResetTokenPurgeJob.class.getName());

    static final Duration RETENTION = Duration.ofDays(1);

    @Inject
    ResetTokens tokens;

    @Schedule(hour = "*", minute = "*/15", persistent = false, info = "reset token purge")
    void purge() {
        int deleted = tokens.purge(RETENTION);
        LOG.fine(() -> "Purged " + deleted + " dead reset tokens");
    }
}
