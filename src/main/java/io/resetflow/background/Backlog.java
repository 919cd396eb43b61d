package io.resetflow.passwordreset;

import io.resetflow.audit.AuditLog;
import io.resetflow.web.ClientInfo;
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
 * Reset requests accepted at the page and waiting, on this node, for their token and mail, which
 * {@link PasswordResetService#issueToken} makes on the container's executor. A flood from many addresses
 * passes the per-client limit; the bound keeps it from queueing without end. A transaction that the
 * database rolled back to resolve a deadlock or a lock wait is retried.
 */
@ApplicationScoped
public class PasswordResetBacklog {

    private static final Logger LOG = Logger.getLogger(PasswordResetBacklog.class.getName());

    static final int ATTEMPTS = 5;

    @Resource
    ManagedExecutorService executor;

    @Inject
    PasswordResetService resets;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "password-reset.max-pending-requests")
    int maxPendingRequests;

    private final AtomicInteger pendingRequests = new AtomicInteger();

    /** Queues the request, or drops it (audited) when this node's backlog is full or the executor refuses it. */
    void submit(String canonicalEmail, ClientInfo client) {
        if (pendingRequests.incrementAndGet() > maxPendingRequests) {
            pendingRequests.decrementAndGet();
            audit.resetDropped("backlog_full", client.address());
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    issueRetryingOnDeadlock(canonicalEmail);
                } finally {
                    pendingRequests.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            pendingRequests.decrementAndGet();
            audit.resetDropped("executor_rejected", client.address());
        }
    }

    private void issueRetryingOnDeadlock(String canonicalEmail) {
        for (int attempt = 1; ; attempt++) {
            try {
                resets.issueToken(canonicalEmail);
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isTransient(e)) {
                    LOG.log(Level.SEVERE, "Reset request could not be processed", e);
                    return;
                }
                LOG.log(Level.WARNING, "Reset request hit a deadlock or lock wait time-out; retrying ({0} of {1})",
                        new Object[] {attempt, ATTEMPTS});
            }
        }
    }

    /** MySQL/MariaDB report deadlocks and lock-wait time-outs with SQL state class 40 or error 1205/1213. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ((state != null && state.startsWith("40")) || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205) {
                    return true;
                }
            }
        }
        return false;
    }
}
