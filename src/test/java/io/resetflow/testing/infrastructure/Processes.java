package io.resetflow.testing.infrastructure;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stopping the processes the tests start: the servers, the balancer, a MariaDB of a test's own. */
public final class Processes {

    private Processes() {
    }

    /** SIGTERM, then SIGKILL if the process is still there after the grace period; waits until it is gone. */
    public static void stop(Process process, Duration grace) {
        stop(process.toHandle(), grace);
    }

    /** The same for a process this JVM did not start (one an earlier run left behind, known by its PID). */
    public static void stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillThere) {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(gone -> process).join();
        } catch (ExecutionException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
