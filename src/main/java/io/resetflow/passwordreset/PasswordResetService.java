package io.resetflow.passwordreset;

import io.resetflow.audit.AuditLog;
import io.resetflow.throttle.Limit;
import io.resetflow.throttle.Throttle;
import io.resetflow.user.EmailAddress;
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.ClientInfo;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The reset flow: asking for a link, checking a link, and setting a new password with it. */
@ApplicationScoped
public class PasswordResetService {

    private static final Logger LOG = Logger.getLogger(PasswordResetService.class.getName());

    /** A deadlock or lock wait that the database resolved by rolling one transaction back is retried. */
    static final int ATTEMPTS = 5;

    @Inject
    ResetTokens tokens;

    @Inject
    UserService users;

    @Inject
    AuditLog audit;

    @Resource
    ManagedExecutorService executor;

    @Inject
    Throttle throttle;

    /**
     * Reset requests accepted but not yet processed on this node. A flood from many addresses passes the
     * per-client limit; this bound keeps it from queueing without end in the executor.
     */
    @Inject
    @ConfigProperty(name = "password-reset.max-pending-requests", defaultValue = "1000")
    int maxPendingRequests;

    private final AtomicInteger pendingRequests = new AtomicInteger();

    /**
     * Asks for a reset link. Returns at once, the same way for every address: known, unknown or
     * malformed, throttled or not. The look-up, the token and the mail happen afterwards on another
     * thread, so neither the database nor the mail server shows in the response or its timing. The
     * limits count per canonical address (whether or not an account has it) and per client address; a
     * request over either is dropped silently, and so is one that finds the node's backlog full.
     */
    public void requestReset(String typedEmail, ClientInfo client) {
        audit.resetRequested(client.address());
        Optional<String> canonical = EmailAddress.canonicalIfPlausible(typedEmail);
        boolean clientAllowed = throttle.tryAcquire(Limit.RESET_REQUEST_PER_CLIENT, client.address());
        boolean accountAllowed = throttle.tryAcquire(Limit.RESET_REQUEST_PER_ACCOUNT, canonical.orElse(""));
        if (!clientAllowed || !accountAllowed) {
            audit.resetThrottled(clientAllowed ? "account" : "client", client.address());
            return;
        }
        canonical.ifPresent(c -> issueInBackground(c, client));
    }

    private void issueInBackground(String canonicalEmail, ClientInfo client) {
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
                tokens.issue(canonicalEmail);
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

    /** Deletes tokens that expired or were used more than {@code retention} ago; returns how many. */
    public int purgeDeadTokens(Duration retention) {
        return tokens.purge(retention);
    }

    /** Whether the link with this token digest can still be used. Never consumes it. */
    public boolean isUsable(byte[] digest) {
        return digest != null && tokens.isUsable(digest);
    }

    /**
     * Checks a link opened by a client. Wrong, expired and used links count against the client's limit;
     * a client over it gets "invalid" for every link without a database look-up, so tokens cannot be guessed.
     */
    public boolean checkLink(Optional<byte[]> digest, ClientInfo client) {
        if (throttle.isExhausted(Limit.RESET_ATTEMPT_PER_CLIENT, client.address())) {
            audit.resetThrottled("attempts", client.address());
            return false;
        }
        boolean usable = digest.isPresent() && tokens.isUsable(digest.get());
        if (!usable) {
            throttle.recordFailure(Limit.RESET_ATTEMPT_PER_CLIENT, client.address());
            audit.resetFailed("invalid_link", client.address());
        }
        return usable;
    }

    /**
     * Sets a new password with a reset link. The password is checked and hashed first: a rejected
     * password leaves the token usable. Then the token is claimed and the hash written in one
     * transaction; every session of the account ends, and a notification mail is queued.
     *
     * @throws PasswordRejectedException  if the policy rejects the password (the token is untouched)
     * @throws InvalidResetTokenException if the token is unknown, expired or used
     */
    public void resetPassword(byte[] digest, String password, String confirmation, ClientInfo client) {
        if (throttle.isExhausted(Limit.RESET_ATTEMPT_PER_CLIENT, client.address())) {
            audit.resetThrottled("attempts", client.address());
            throw new InvalidResetTokenException();
        }
        if (digest == null || !tokens.isUsable(digest)) {
            throttle.recordFailure(Limit.RESET_ATTEMPT_PER_CLIENT, client.address());
            audit.resetFailed("invalid_token", client.address());
            throw new InvalidResetTokenException();
        }
        String hash;
        try {
            hash = users.hashNewPassword(password, confirmation);
        } catch (PasswordRejectedException e) {
            audit.resetFailed("password_rejected", client.address());
            throw e;
        }
        try {
            User user = tokens.claimAndSetPassword(digest, hash, client);
            audit.resetCompleted(user.getId(), client.address());
        } catch (InvalidResetTokenException e) {
            audit.resetFailed("token_claimed_concurrently", client.address());
            throw e;
        }
    }
}
