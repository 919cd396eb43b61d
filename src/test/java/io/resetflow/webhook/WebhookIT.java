package io.resetflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code password.changed} webhook against a real HTTP receiver that checks each delivery with the Standard
 * Webhooks reference library: a reset is told, signed; a receiver that fails and then is gone for a minute, with a
 * {@code kill -9} of the node in the middle of the retries, gets the event after, once, under the id every attempt
 * carried. The node has its own database, so the shared test server never delivers its outbox.
 */
@ExtendWith(ServerExtension.class)
class WebhookIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void everyResetIsToldToTheHostSignedAndOnceThroughAnOutageAndAKill(TestServer shared) throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        try (TestDatabase database = shared.database().sibling("webhook");
             MailSink mail = new MailSink(Ports.free()).start();
             Receiver receiver = new Receiver(Ports.free(), secret)) {
            receiver.start();
            Launch launch = TestServer.nodeLaunch("webhook", database, mail.port(), Map.of(
                    "WEBHOOK_URL", receiver.url(), "WEBHOOK_SECRET", secret,
                    "MAIL_RETRY_INITIAL_DELAY_SECONDS", "2", "MAIL_RETRY_MAX_DELAY_SECONDS", "8"));
            String email;
            PayaraMicroServer first = PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT);
            try {
                TestServer node = TestServer.at(first, mail);
                email = Accounts.register(node, "webhook");
                assertThat(receiver.deliveries).as("registering sets a first password; only a change is told").isEmpty();
                long accountId = database.queryLong("SELECT id FROM resetflow_app_user WHERE canonical_email = ?", email);

                // A reset: told once, signed, with the account's id and the stored time, and nothing else of it.
                Instant before = Instant.now().minusSeconds(1);
                ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(node, ResetSteps.requestLink(node, email), "first new password for the hook"));
                await("the first event").atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted().size() == 1);
                Delivery told = receiver.accepted().get(0);
                System.out.println("WebhookIT first delivery: webhook-id: " + told.id() + ", webhook-timestamp: " + told.timestamp()
                        + ", body: " + told.body());
                assertThat(told.verified()).as("signature checked by the reference library").isTrue();
                JsonNode event = new ObjectMapper().readTree(told.body());
                assertThat(event.get("type").asText()).isEqualTo("password.changed");
                assertThat(Instant.parse(event.get("timestamp").asText())).isBetween(before, Instant.now());
                assertThat(event.get("data").get("account_id").asLong()).isEqualTo(accountId);
                Instant changedAt = Instant.parse(event.get("data").get("changed_at").asText());
                assertThat(changedAt).isBetween(before, Instant.now());
                assertThat(told.body()).doesNotContain(email).doesNotContain("token").doesNotContain("password_hash");
                assertThat(told.timestamp()).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));

                // The receiver fails (503): each attempt carries the same id; then the node is killed mid-retry.
                receiver.refuse();
                ResetSteps.resetWith(node, ResetSteps.requestLink(node, email), "second new password for the hook");
                await("two refused attempts").atMost(Duration.ofSeconds(30)).until(() -> receiver.refused().size() >= 2);
                first.kill();
            } finally {
                first.close();
            }
            // Gone altogether for the rest of the minute: connections are refused.
            receiver.stop();
            Instant outageEnds = receiver.refused().get(0).at().plus(OUTAGE);
            assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'webhook' AND finished_at IS NULL"))
                    .as("the event left unfinished by the killed node").isEqualTo(1);

            try (PayaraMicroServer restarted = PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT)) {
                long attemptsBeforeReturn = database.queryLong("SELECT attempts FROM resetflow_mail_outbox WHERE kind = 'webhook' AND finished_at IS NULL");
                long wait = Duration.between(Instant.now(), outageEnds).toMillis();
                if (wait > 0) {
                    Thread.sleep(wait); // the outage the receiver has: a minute after its first refusal
                }
                assertThat(database.queryLong("SELECT attempts FROM resetflow_mail_outbox WHERE kind = 'webhook' AND finished_at IS NULL"))
                        .as("attempts while the receiver was gone, after the restart too").isGreaterThan(attemptsBeforeReturn);
                receiver.start();
                await("the second event after the outage").atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() == 2);
                TestServer node = TestServer.at(restarted, mail);
                assertThat(Accounts.isSignedIn(Accounts.signIn(node, email, "second new password for the hook"))).isTrue();
            }
            Delivery late = receiver.accepted().get(1);
            assertThat(late.verified()).isTrue();
            assertThat(receiver.refused()).allSatisfy(attempt -> {
                assertThat(attempt.id()).as("every attempt under one id").isEqualTo(late.id());
                assertThat(attempt.verified()).isTrue();
            });
            assertThat(receiver.accepted()).extracting(Delivery::id).doesNotHaveDuplicates();
            assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'webhook' AND outcome = 'sent' AND body IS NULL"))
                    .as("both events delivered, their payloads erased").isEqualTo(2);
        }
    }

    /** One request the receiver got: its headers' id and timestamp, its body, and whether its signature verified. */
    record Delivery(String id, long timestamp, String body, boolean verified, Instant at) {
    }

    /** A host's webhook endpoint: answers 204, or 503 while refusing; can be stopped and started on its port. */
    static final class Receiver implements AutoCloseable {

        final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        private final List<Delivery> refusedDeliveries = new CopyOnWriteArrayList<>();
        private final int port;
        private final String secret;
        private volatile boolean refusing;
        private HttpServer server;

        Receiver(int port, String secret) {
            this.port = port;
            this.secret = secret;
        }

        String url() {
            return "http://127.0.0.1:" + port + "/hooks/resetflow";
        }

        void start() throws IOException {
            refusing = false;
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
            server.createContext("/hooks/resetflow", this::handle);
            server.start();
        }

        void refuse() {
            refusing = true;
        }

        void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }

        List<Delivery> accepted() {
            return deliveries;
        }

        List<Delivery> refused() {
            return refusedDeliveries;
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            boolean verified;
            try {
                new Webhook(secret).verify(body, Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(timestamp),
                        "webhook-signature", List.of(exchange.getRequestHeaders().getFirst("webhook-signature"))));
                verified = true;
            } catch (Exception e) {
                verified = false;
            }
            Delivery delivery = new Delivery(id, Long.parseLong(timestamp), body, verified, Instant.now());
            (refusing ? refusedDeliveries : deliveries).add(delivery);
            exchange.sendResponseHeaders(refusing ? 503 : 204, -1);
            exchange.close();
        }

        @Override
        public void close() {
            stop();
        }
    }
}
