package io.resetflow.background;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Announces once that the application has started, as {@link Started}. The container announces the application
 * scope once per virtual server that serves the application: the public listener's and the operators' each have
 * their own servlet context. Whatever must happen once at start observes {@link Started}, not that.
 *
 * <p>What an observer refuses (a setting that cannot work, a database that cannot be migrated, a mapped table that
 * does not fit) fails the deployment with one line, {@code ResetFlow refuses to start: <why>}. Where the process
 * serves this application alone ({@code app.exit-on-refusal}, set by the start script), the process then ends with
 * {@link #REFUSED} and that line as its last words, instead of serving pages that cannot work.
 */
@ApplicationScoped
public class ApplicationStart {

    /**
     * The application has started at this context path ({@code ""} at the root); fired once per deployment.
     * Observers order themselves with {@code @Priority}.
     */
    public record Started(String contextPath) {
    }

    /**
     * The start was refused: what an earlier observer of {@link Started} set going (workers, repeating tasks) stops
     * now. On a server that keeps running after a failed deployment (Open Liberty, WildFly, Payara Server) nothing
     * else would stop it: work would go on against a schema that may not exist, with beans of a container that is gone.
     */
    public record Refused(String reason) {
    }

    private static final Logger LOG = Logger.getLogger(ApplicationStart.class.getName());

    /** The start line of a refusal, in the log and as the process's last words. */
    public static final String REFUSAL = "ResetFlow refuses to start: ";

    /** The exit status of a process that refused to start: EX_CONFIG of sysexits.h. */
    static final int REFUSED = 78;

    /** How long the container may take to shut down after a refusal before the process is halted. */
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

    @Inject
    Event<Started> started;

    @Inject
    Event<Refused> refusedEvent;

    @Inject
    @ConfigProperty(name = "app.exit-on-refusal")
    boolean exitOnRefusal;

    private final AtomicBoolean announced = new AtomicBoolean();

    void announce(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) @Initialized(ApplicationScoped.class) ServletContext servletContext) {
        if (announced.compareAndSet(false, true)) {
            try {
                started.fire(new Started(servletContext.getContextPath()));
            } catch (RuntimeException refused) {
                String line = refusal(refused);
                LOG.severe(line);
                try {
                    refusedEvent.fire(new Refused(line));
                } catch (RuntimeException whileStopping) {
                    LOG.log(Level.WARNING, "Stopping what had started failed", whileStopping);
                }
                if (exitOnRefusal) {
                    exitAfterTheDeploymentFails(line);
                }
                throw refused;
            }
        }
    }

    /**
     * The one line that says why: the innermost {@link IllegalStateException}'s message (the checks name the setting
     * there), otherwise the innermost cause's type and message.
     */
    static String refusal(Throwable refused) {
        Throwable reason = null;
        Throwable innermost = refused;
        for (Throwable t = refused; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null) {
                reason = t;
            }
            innermost = t;
        }
        String why = reason != null ? reason.getMessage()
                : innermost.getClass().getSimpleName() + (innermost.getMessage() == null ? "" : ": " + innermost.getMessage());
        why = why.lines().findFirst().orElse("").strip();
        return why.startsWith(REFUSAL) ? why : REFUSAL + why;
    }

    /**
     * Waits for the other shutdown hooks (the container's shutdown, which writes to the output as it goes), found by
     * their thread names, so that the refusal is the last line. The hooks start together but not at once: the look is
     * repeated until one finds none running.
     */
    private static void awaitTheContainersShutdown() {
        long end = System.nanoTime() + SHUTDOWN_LIMIT.toNanos() / 2;
        try {
            boolean found;
            do {
                Thread.sleep(100); // the other hooks are started right after this one
                found = false;
                for (Thread thread : Thread.getAllStackTraces().keySet()) {
                    if (thread != Thread.currentThread() && thread.isAlive()
                            && thread.getName().toLowerCase(java.util.Locale.ROOT).contains("shutdown")) {
                        found = true;
                        thread.join(Math.max(1, (end - System.nanoTime()) / 1_000_000));
                    }
                }
            } while (found && System.nanoTime() < end);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the process once the deployment has failed: from a thread of its own, so that the container's shutdown
     * does not wait for the deployment that is failing on this thread; halted if the shutdown does not end in time.
     */
    private static void exitAfterTheDeploymentFails(String line) {
        Thread exit = new Thread(() -> {
            // Once the container has stopped, the application's class loader loads nothing more, not even a class of
            // the Java runtime this class has not named yet: what the last words use is named now.
            System.err.flush();
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(SHUTDOWN_LIMIT.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.err.println(line);
                Runtime.getRuntime().halt(REFUSED);
            }, "resetflow-refusal-halt");
            halt.setDaemon(true);
            halt.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitTheContainersShutdown();
                System.err.println(line);
            }, "resetflow-refusal-line"));
            System.exit(REFUSED);
        }, "resetflow-refusal-exit");
        exit.start();
    }
}
