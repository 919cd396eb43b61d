package io.resetflow.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the processes the tests start: the servers, the balancer, a MariaDB of a test's own. */
public final class Processes {

    private Processes() {
    }

    /** SIGTERM, then SIGKILL if the process is still there after the grace period; waits until it is gone. */
    public static void stop(Process process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
