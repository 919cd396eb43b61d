package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import io.resetflow.testing.infrastructure.StallingSmtpProxy;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every mail prompt after a stretch without mail: a stretch of requests for unknown addresses, then 50 requests a
 * second for known ones; a quiet minute, then a burst. Between the node and the mail server sits a relay that closes
 * a connection idle for {@link #RELAY_IDLE_CLOSE}, sooner than the workers give theirs up, as real relays do. The
 * node runs the production retry delay (10 s) and its default eight workers, with the request limits off so that
 * every request is accepted: a mail that needed a retry could not arrive within {@link #PROMPTLY}, and none may be
 * retried. How long the mails took is printed for the record; the benchmarks measure it.
 */
@ExtendWith(ServerExtension.class)
class MailPromptnessIT {

    /** Well under the retry delay: a mail that took a retry cannot arrive in this time. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    private static final Duration RELAY_IDLE_CLOSE = Duration.ofSeconds(3);

    private static TestDatabase database;
    private static MailSink mail;
    private static StallingSmtpProxy relay;
    private static PayaraMicroServer node;
    private static Deployment product;

    @BeforeAll
    static void start(TestServer shared) throws Exception {
        database = shared.database().sibling("promptness");
        mail = new MailSink(Ports.free()).start();
        relay = new StallingSmtpProxy(mail.port());
        relay.dropConnectionsIdleFor(RELAY_IDLE_CLOSE);
        node = TestServer.startNode("promptness", database, relay.port(), Map.of(
                "MAIL_RETRY_INITIAL_DELAY_SECONDS", "10", "MAIL_RETRY_MAX_DELAY_SECONDS", "900",
                "THROTTLE_RESET_REQUEST_PER_ACCOUNT", "0", "THROTTLE_RESET_REQUEST_PER_CLIENT", "0"));
        product = Deployment.at(node.baseUri(), mail);
    }

    @AfterAll
    static void stop() throws Exception {
        try (TestDatabase db = database; MailSink sink = mail; StallingSmtpProxy smtp = relay) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void afterAStretchOfUnknownAddressesFiftyRequestsASecondAllGetTheirMailPromptly() throws Exception {
        List<String> known = accounts("stretch", 100);
        long stretchEnds = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < stretchEnds) {
            offer(20, List.of(Accounts.uniqueEmail("stretch-nobody"), Accounts.uniqueEmail("stretch-nobody"),
                    Accounts.uniqueEmail("stretch-nobody"), Accounts.uniqueEmail("stretch-nobody")));
        }

        long sent = offer(50, known);

        Duration took = awaitEveryLink(known, sent);
        System.out.printf("MailPromptnessIT: 100 requests at 50/s after 15 s of unknown addresses: last mail %d ms after the last"
                + " request; the relay had closed %d idle connections%n", took.toMillis(), relay.droppedConnections());
        assertThat(Files.readString(node.log())).doesNotContain("AUDIT mail.retried");
    }

    @Test
    void afterAQuietMinuteABurstAllGetTheirMailPromptly() throws Exception {
        List<String> known = accounts("quiet", 20);
        ResetSteps.requestLink(product, known.get(0)); // the workers have a connection each, then nothing for a minute
        long quietEnds = System.nanoTime() + Duration.ofSeconds(61).toNanos();
        while (System.nanoTime() < quietEnds) {
            Thread.sleep(Math.max(1, (quietEnds - System.nanoTime()) / 1_000_000));
        }

        long sent = offer(1000, known);

        Duration took = awaitEveryLink(known, sent);
        System.out.printf("MailPromptnessIT: a burst of 20 after a quiet minute: last mail %d ms after the last request; the relay had"
                + " closed %d idle connections%n", took.toMillis(), relay.droppedConnections());
        assertThat(Files.readString(node.log())).doesNotContain("AUDIT mail.retried");
    }

    /** Accounts made straight in the node's database: this test is about mail, not about registering. */
    private static List<String> accounts(String tag, int count) throws Exception {
        List<String> emails = new ArrayList<>();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            String email = Accounts.uniqueEmail(tag);
            database.update("INSERT INTO resetflow_app_user (email, canonical_email, display_name, password_hash, password_changed_at,"
                    + " created_at) VALUES (?, ?, 'Person', 'not a hash', ?, ?)", email, email, now, now);
            emails.add(email);
        }
        return emails;
    }

    /**
     * Asks for a link for each address, {@code perSecond} requests a second spread over eight clients, and waits for
     * every answer; returns when the last was answered ({@link System#nanoTime()}).
     */
    private static long offer(int perSecond, List<String> emails) throws Exception {
        ScheduledExecutorService clients = Executors.newScheduledThreadPool(8);
        try {
            List<Future<?>> answers = new ArrayList<>();
            long gap = 1_000_000_000L / perSecond;
            for (int i = 0; i < emails.size(); i++) {
                String email = emails.get(i);
                answers.add(clients.schedule(() -> assertThat(ResetSteps.askForLink(product, email).text()).contains(ResetSteps.SENT),
                        i * gap, TimeUnit.NANOSECONDS));
            }
            for (Future<?> answer : answers) {
                answer.get(2, TimeUnit.MINUTES);
            }
            return System.nanoTime();
        } finally {
            clients.shutdownNow();
        }
    }

    /** The addresses a link mail went to so far. */
    private static Set<String> linked() {
        return mail.received().stream().filter(m -> ResetSteps.LINK_MAIL.equals(Mailbox.subject(m)))
                .flatMap(m -> Mailbox.recipients(m).stream()).collect(Collectors.toSet());
    }

    /** Waits until every address has its newest link mail; returns how long after {@code sent} the last one came. */
    private static Duration awaitEveryLink(List<String> emails, long sent) {
        await("every link, promptly").atMost(PROMPTLY).pollInterval(Duration.ofMillis(20))
                .until(() -> linked().containsAll(emails));
        return Duration.ofNanos(System.nanoTime() - sent);
    }
}
