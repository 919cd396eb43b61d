package io.resetflow.background;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Requests accepted at a page and waiting, on this node, to be processed on the container's executor, each
 * in a transaction of its own ({@link Transactions}). A flood from many addresses passes the per-client
 * limits; the bound keeps it from queueing without end. A transaction that the database rolled back to
 * resolve a deadlock or a lock wait is retried, and so is one whose insert lost a race to a concurrent insert
 * of the same unique key (two first requests for one address): the work finds or creates its row, so the
 * retry finds the winner's and updates it.
 */
@ApplicationScoped
public class Backlog {

    private static final Logger LOG = Logger.getLogger(Backlog.class.getName());

    static final int ATTEMPTS = 5;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Transactions transactions;

    @Inject
    @ConfigProperty(name = "backlog.max-pending-requests")
    int maxPendingRequests;

    private final AtomicInteger pendingRequests = new AtomicInteger();

    /**
     * Queues the work, or drops it when this node's backlog is full or the executor refuses it.
     *
     * @return whether it was queued; the caller audits a dropped request
     */
    public boolean submit(String what, Runnable work) {
        if (pendingRequests.incrementAndGet() > maxPendingRequests) {
            pendingRequests.decrementAndGet();
            return false;
        }
        try {
            executor.execute(() -> {
                try {
                    runRetryingOnDeadlock(what, work);
                } finally {
                    pendingRequests.decrementAndGet();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            pendingRequests.decrementAndGet();
            return false;
        }
    }

    private void runRetryingOnDeadlock(String what, Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.run(work);
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    LOG.log(Level.SEVERE, what + " could not be processed", e);
                    return;
                }
                LOG.log(Level.WARNING, "{0} hit a deadlock, a lock wait time-out or a concurrent insert; retrying ({1} of {2})",
                        new Object[] {what, attempt, ATTEMPTS});
            }
        }
    }

    /**
     * MySQL/MariaDB report deadlocks and lock-wait time-outs with SQL state class 40 or error 1205/1213, and
     * a duplicate unique key with error 1062.
     */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                int code = sql.getErrorCode();
                if ((state != null && state.startsWith("40")) || code == 1213 || code == 1205 || code == DUPLICATE_KEY) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final int DUPLICATE_KEY = 1062;
}
