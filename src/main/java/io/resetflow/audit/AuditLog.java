package io.resetflow.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Security-relevant events, one line each, on the logger {@code io.resetflow.audit}, each also fired as an
 * {@link AuditEvent} (the metrics count them). Lines carry account ids, request ids and client addresses,
 * never an e-mail address, a password, a token or a link.
 */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger("io.resetflow.audit");

    @Inject
    Event<AuditEvent> written;

    public void registered(long userId, String address) {
        write("account.registered", "user=" + userId + " client=" + address);
    }

    public void signedIn(long userId, String address) {
        write("sign_in.succeeded", "user=" + userId + " client=" + address);
    }

    public void signInFailed(String address) {
        write("sign_in.failed", "client=" + address);
    }

    /**
     * A reset or registration request committed to the outbox ({@code kind}: password_reset, registration):
     * {@code request} follows it to its mail.
     */
    public void requestRecorded(String kind, long request, String address) {
        write(kind + ".requested", "request=" + request + " client=" + address);
    }

    /** A request over a rate limit ({@code limit}: client or account); recorded, never sent. */
    public void requestThrottled(String kind, long request, String limit, String address) {
        write(kind + ".throttled", "limit=" + limit + " client=" + address + " request=" + request);
    }

    /** A request the database could not take: the person was asked to try again, nothing was kept. */
    public void requestNotRecorded(String kind, String address) {
        write(kind + ".not_recorded", "client=" + address);
    }

    public void resetTokenIssued(long request, long userId) {
        write("password_reset.token_issued", "request=" + request + " user=" + userId);
    }

    /**
     * A mailed link of this {@code purpose} (password_reset, registration) that could not be used: {@code reason}
     * invalid_link (opened), invalid_token (submitted), token_claimed_concurrently, password_rejected.
     */
    public void linkFailed(String purpose, String reason, String address) {
        write(purpose + ".failed", "reason=" + reason + " client=" + address);
    }

    /** A client over its limit on bad links of this {@code purpose}. */
    public void linkThrottled(String purpose, String address) {
        write(purpose + ".throttled", "limit=attempts client=" + address);
    }

    public void signInThrottled(String address) {
        write("sign_in.throttled", "client=" + address);
    }

    public void registrationLinkIssued(long request) {
        write("registration.link_issued", "request=" + request);
    }

    /** The address has an account: its owner is told someone tried, and nothing else happens. */
    public void registrationForTakenAddress(long request, long userId) {
        write("registration.address_taken", "request=" + request + " user=" + userId);
    }

    /** The outbox's SMTP server took the mail of this request (the {@code attempt}-th try). */
    public void mailSent(long request, String kind, int attempt) {
        write("mail.sent", "request=" + request + " kind=" + kind + " attempt=" + attempt);
    }

    /** A delivery attempt failed; the request is due again later. Only the error's type is written. */
    public void mailRetried(long request, String kind, int attempt, String error) {
        write("mail.retried", "request=" + request + " kind=" + kind + " attempt=" + attempt + " error=" + error);
    }

    /** A request that ends without a mail: superseded, unknown or implausible address. */
    public void mailDropped(long request, String kind, String outcome) {
        write("mail.dropped", "request=" + request + " kind=" + kind + " reason=" + outcome);
    }

    public void mailGivenUp(long request, String kind, int attempts) {
        write("mail.given_up", "request=" + request + " kind=" + kind + " attempts=" + attempts);
    }

    /** The receiver of the host's took this event (the {@code attempt}-th try). */
    public void eventDelivered(long request, String kind, int attempt) {
        write("event.delivered", "request=" + request + " kind=" + kind + " attempt=" + attempt);
    }

    /** An attempt at delivering an event failed; it is due again later. Only the error's type is written. */
    public void eventRetried(long request, String kind, int attempt, String error) {
        write("event.retried", "request=" + request + " kind=" + kind + " attempt=" + attempt + " error=" + error);
    }

    public void eventGivenUp(long request, String kind, int attempts) {
        write("event.given_up", "request=" + request + " kind=" + kind + " attempts=" + attempts);
    }

    public void resetCompleted(long userId, String address) {
        write("password_reset.completed", "user=" + userId + " client=" + address);
    }

    /** A stored password hash was replaced by one with the configured, stronger parameters at sign-in. */
    public void hashUpgraded(long userId) {
        write("account.hash_upgraded", "user=" + userId);
    }

    private void write(String event, String details) {
        LOG.log(Level.INFO, "AUDIT {0} {1}", new Object[] {event, details});
        written.fire(new AuditEvent(event, details));
    }

    /** One audit line, as an event for whoever counts them (the metrics); {@code details} are its key=value pairs. */
    public record AuditEvent(String event, String details) {

        /** The value of {@code key} in the details, if the line has one. */
        public Optional<String> detail(String key) {
            for (String pair : details.split(" ")) {
                if (pair.startsWith(key + "=")) {
                    return Optional.of(pair.substring(key.length() + 1));
                }
            }
            return Optional.empty();
        }
    }
}
