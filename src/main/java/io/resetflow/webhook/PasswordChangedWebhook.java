package io.resetflow.webhook;

import io.resetflow.background.ApplicationStart;
import io.resetflow.mail.EventSender;
import io.resetflow.mail.MailOutbox;
import io.resetflow.mail.OutboxJob;
import io.resetflow.user.PasswordChanged;
import io.resetflow.web.HttpAddress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * With {@code webhook.url} set, every password change (a reset, by whatever path) writes a {@code password.changed}
 * event to the outbox in the transaction that changed it, and the outbox's workers POST it to the host's receiver:
 * <pre>{"type":"password.changed","timestamp":"…","data":{"account_id":42,"changed_at":"…"}}</pre>
 * signed with {@code webhook.secret} the Standard Webhooks way. The account id is the host table's; nothing secret or
 * personal is sent. A 2xx answer delivers it; anything else (a redirect included, an error, no answer within
 * {@link #ANSWER_TIMEOUT}) is a failed attempt, tried again with the outbox's back-off under the same
 * {@code webhook-id}. Checked at start: a wrong setting stops the deployment with one line naming it.
 */
@ApplicationScoped
public class PasswordChangedWebhook implements EventSender {

    private static final Logger LOG = Logger.getLogger(PasswordChangedWebhook.class.getName());

    static final String KIND = "webhook";
    static final String TYPE = "password.changed";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    @ConfigProperty(name = "webhook.url")
    Optional<String> urlSetting;

    @Inject
    @ConfigProperty(name = "webhook.secret")
    Optional<String> secretSetting;

    @Inject
    MailOutbox outbox;

    @Inject
    Clock clock;

    private Optional<URI> url = Optional.empty();
    private WebhookSignature signature;
    private HttpClient client;

    @PostConstruct
    void check() {
        url = urlSetting.map(String::strip).filter(u -> !u.isEmpty()).map(u -> HttpAddress.of("WEBHOOK_URL (webhook.url)", u));
        Optional<String> secrets = secretSetting.map(String::strip).filter(s -> !s.isEmpty());
        if (url.isPresent() != secrets.isPresent()) {
            throw new IllegalStateException(url.isPresent()
                    ? "WEBHOOK_URL (webhook.url) needs WEBHOOK_SECRET: the receiver checks each event's signature with it"
                    : "WEBHOOK_SECRET (webhook.secret) is set without WEBHOOK_URL: set both, or neither");
        }
        if (url.isEmpty()) {
            return;
        }
        try {
            signature = WebhookSignature.of(secrets.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("WEBHOOK_SECRET (webhook.secret) is not usable: " + e.getMessage()
                    + " (make one with: echo whsec_$(openssl rand -base64 32))");
        }
        client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Checked and announced while the application starts, not at the first password change. */
    void checkAtStart(@Observes ApplicationStart.Started started) {
        url.ifPresent(u -> LOG.info(() -> "Webhook: " + TYPE + " events go to " + u.getScheme() + "://" + u.getAuthority()
                + u.getPath() + ", signed with " + signature.secrets() + " secret(s)"));
    }

    /** In the transaction that changed the password: the event exists if and only if the change was committed. */
    void passwordChanged(@Observes PasswordChanged change) {
        if (url.isEmpty()) {
            return;
        }
        String payload = Json.createObjectBuilder()
                .add("type", TYPE)
                .add("timestamp", clock.instant().toString())
                .add("data", Json.createObjectBuilder()
                        .add("account_id", change.userId())
                        .add("changed_at", change.changedAt().toString()))
                .build().toString();
        outbox.enqueueEvent(KIND, newEventId(), payload);
    }

    /** {@code msg_} and 128 random bits, made once per event. */
    static String newEventId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void send(OutboxJob event) throws IOException, InterruptedException {
        if (url.isEmpty()) {
            throw new IllegalStateException("WEBHOOK_URL is no longer set; the event waits until it is");
        }
        String id = event.eventId().orElseThrow();
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url.get())
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "ResetFlow-Webhook")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature.sign(id, timestamp, event.body()))
                .POST(HttpRequest.BodyPublishers.ofString(event.body()))
                .build();
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status < 200 || status > 299) {
            throw new IOException("the receiver answered HTTP " + status);
        }
    }
}
