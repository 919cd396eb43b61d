package io.resetflow.operations;

import io.resetflow.background.ApplicationStart;
import io.resetflow.background.RepeatingTasks;
import io.resetflow.mail.OutboxStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The outbox's backlog and the age of its oldest unfinished row, read every five seconds on the container's
 * scheduler, so that probes and scrapes never wait for the database.
 */
@ApplicationScoped
public class OutboxMonitor {

    static final Duration INTERVAL = Duration.ofSeconds(5);

    @Inject
    OutboxStore store;

    @Inject
    RepeatingTasks tasks;

    private volatile OutboxStore.Backlog backlog = new OutboxStore.Backlog(0, 0);
    private volatile boolean read;

    void start(@Observes ApplicationStart.Started applicationStarted) {
        tasks.every(INTERVAL, "Outbox monitor", this::refresh);
        refresh();
    }

    void refresh() {
        try {
            backlog = store.backlog();
            read = true;
        } catch (RuntimeException e) {
            read = false;
            throw e;
        }
    }

    /** Unfinished rows at the last read. */
    public long unfinished() {
        return backlog.unfinished();
    }

    /** Age in seconds of the oldest unfinished row at the last read; 0 when none. */
    public long oldestAgeSeconds() {
        return backlog.oldestAgeSeconds();
    }

    /** Whether the last read succeeded. */
    public boolean isRead() {
        return read;
    }
}
