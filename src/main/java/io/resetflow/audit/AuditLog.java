package io.resetflow.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Security-relevant events, one line each, on the logger {@code io.resetflow.audit}. Lines carry
 * account ids and client addresses, never an e-mail address, a password, a token or a link.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("io.resetflow.audit");

    public void registered(long userId, String address) {
        write("account.registered", "user=" + userId + " client=" + address);
    }

    public void signedIn(long userId, String address) {
        write("sign_in.succeeded", "user=" + userId + " client=" + address);
    }

    public void signInFailed(String address) {
        write("sign_in.failed", "client=" + address);
    }

    public void resetRequested(String address) {
        write("password_reset.requested", "client=" + address);
    }

    public void resetTokenIssued(long userId) {
        write("password_reset.token_issued", "user=" + userId);
    }

    public void resetRequestForUnknownAddress() {
        write("password_reset.unknown_address", "");
    }

    public void resetFailed(String reason, String address) {
        write("password_reset.failed", "reason=" + reason + " client=" + address);
    }

    /** A reset request or attempt over a rate limit ({@code limit}: client, account or attempts). */
    public void resetThrottled(String limit, String address) {
        write("password_reset.throttled", "limit=" + limit + " client=" + address);
    }

    /** A reset request accepted at the page but not processed: the node had too much pending work. */
    public void resetDropped(String reason, String address) {
        write("password_reset.dropped", "reason=" + reason + " client=" + address);
    }

    public void signInThrottled(String address) {
        write("sign_in.throttled", "client=" + address);
    }

    public void registrationRequested(String address) {
        write("registration.requested", "client=" + address);
    }

    /** A registration request over a rate limit ({@code limit}: client or account), or a link attempt over one. */
    public void registrationThrottled(String limit, String address) {
        write("registration.throttled", "limit=" + limit + " client=" + address);
    }

    public void registrationDropped(String reason, String address) {
        write("registration.dropped", "reason=" + reason + " client=" + address);
    }

    /** The typed text was no e-mail address: nothing to mail. */
    public void registrationForImplausibleAddress() {
        write("registration.implausible_address", "");
    }

    public void registrationLinkIssued() {
        write("registration.link_issued", "");
    }

    /** The address has an account: its owner is told someone tried, and nothing else happens. */
    public void registrationForTakenAddress(long userId) {
        write("registration.address_taken", "user=" + userId);
    }

    public void registrationFailed(String reason, String address) {
        write("registration.failed", "reason=" + reason + " client=" + address);
    }

    public void resetCompleted(long userId, String address) {
        write("password_reset.completed", "user=" + userId + " client=" + address);
    }

    private static void write(String event, String details) {
        LOG.log(Level.INFO, "AUDIT {0} {1}", new Object[] {event, details});
    }
}
