package io.resetflow.mail;

import io.resetflow.background.RepeatingTasks;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the outbox: right after a transaction that enqueued mail commits, and every few seconds for
 * whatever is due (retries, or mail left by a restart). Each message is claimed before it is sent, so
 * two dispatchers (two nodes) never send the same one.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());

    private final AtomicBoolean running = new AtomicBoolean();

    @Inject
    OutboxStore store;

    @Inject
    MailDelivery delivery;

    @Resource
    ManagedExecutorService executor;

    @Inject
    RepeatingTasks tasks;

    @Inject
    @ConfigProperty(name = "mail.outbox.poll-seconds")
    int pollSeconds;

    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        tasks.every(Duration.ofSeconds(pollSeconds), "Mail outbox dispatch", this::dispatchDue);
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailOutbox.MailEnqueued event) {
        executor.execute(this::dispatchDue);
    }

    /** Sends every due message once; a dispatch already running on this node makes this a no-op. */
    public void dispatchDue() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            List<Long> claimed;
            do {
                claimed = store.claimDue();
                claimed.forEach(this::deliver);
            } while (!claimed.isEmpty());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mail outbox dispatch stopped early; it resumes at the next poll", e);
        } finally {
            running.set(false);
        }
    }

    private void deliver(long id) {
        store.load(id).ifPresent(mail -> {
            try {
                delivery.send(mail);
                store.markDelivered(id);
            } catch (Exception e) {
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                store.markFailed(id, error);
                LOG.log(Level.WARNING, "Mail {0} not delivered yet: {1}", new Object[] {id, error});
            }
        });
    }
}
