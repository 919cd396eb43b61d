package io.resetflow.background;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Background work repeated at a fixed delay on the container's scheduled executor. A run that fails is
 * logged and the next one comes as planned; all of it stops with the application. EJB timers would do
 * the scheduling too, but their schedules are fixed at build time and ours come from configuration.
 */
@ApplicationScoped
public class RepeatingTasks {

    private static final Logger LOG = Logger.getLogger(RepeatingTasks.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "purge.interval-seconds")
    long purgeIntervalSeconds;

    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();

    @Inject
    @Any
    Instance<Purge> purges;

    /** Schedules every {@link Purge}; logs how many rows each deleted, when there were any. */
    void startPurges(@Observes ApplicationStart.Started applicationStarted) {
        for (Purge purge : purges) {
            String what = purge.purged();
            every(Duration.ofSeconds(purgeIntervalSeconds), "Purge of " + what, () -> {
                int purged = purge.purge();
                if (purged > 0) {
                    LOG.info(() -> "Purged " + purged + " " + what);
                }
            });
        }
    }

    /** Runs {@code work} every {@code interval}, the first time one interval from now. */
    public void every(Duration interval, String name, Runnable work) {
        long millis = interval.toMillis();
        scheduled.add(scheduler.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, name + " failed; it runs again in " + interval, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS));
    }

    @PreDestroy
    void stop() {
        scheduled.forEach(task -> task.cancel(false));
        scheduled.clear();
    }

    /** A refused start ends every task scheduled before the refusal. */
    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ApplicationStart.Refused refused) {
        stop();
    }
}
