package io.resetflow.background;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

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

    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();

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
    }
}
