package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.OwnMailPath;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.StallingSmtpProxy;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A mail server (or a relay in front of it) that closes connections idle for a while, sooner than the outbox's
 * workers give theirs up: the mail that comes next is sent at once on a new connection, never held for the retry
 * delay while the server answers. The node runs one worker, so the connection a mail finds is the one the mail
 * before it left, and the production retry delay (10 s), so a retry would show as a late mail.
 */
@ExtendWith(ServerExtension.class)
class StaleMailConnectionIT {

    private static final Duration CLOSED_WHEN_IDLE_FOR = Duration.ofMillis(1500);
    /** Well under the retry delay: a mail that took a retry cannot arrive in this time. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @Test
    void aMailAfterTheServerDroppedTheIdleConnectionIsSentAtOnceWithoutARetry(TestServer shared) throws Exception {
        try (OwnMailPath path = OwnMailPath.beside(shared, "stale_smtp")) {
            TestDatabase database = path.database();
            MailSink mail = path.mail();
            StallingSmtpProxy smtp = path.smtp();
            smtp.dropConnectionsIdleFor(CLOSED_WHEN_IDLE_FOR);
            Map<String, String> settings = Map.of("MAIL_OUTBOX_WORKERS", "1",
                    "MAIL_RETRY_INITIAL_DELAY_SECONDS", "10", "MAIL_RETRY_MAX_DELAY_SECONDS", "900");
            try (PayaraMicroServer node = TestServer.startNode("stale-smtp", database, smtp.port(), settings)) {
                TestServer server = TestServer.at(node, mail);
                String email = Accounts.register(server, "stale-smtp");

                // After the registration's mail, the server drops the idle connection; the next mail finds it dropped.
                await("the server to drop the idle connection").atMost(Duration.ofSeconds(30)).until(() -> smtp.droppedConnections() >= 1);
                ResetSteps.askForLink(server, email);
                await("the link, sent at once").atMost(PROMPTLY).until(() -> ResetSteps.linkMails(server, email).size() == 1);

                // Requests for unknown addresses keep the worker busy without a mail; then the server drops it.
                int dropped = smtp.droppedConnections();
                while (smtp.droppedConnections() == dropped) {
                    ResetSteps.askForLink(server, Accounts.uniqueEmail("stale-smtp-nobody"));
                }
                ResetSteps.askForLink(server, email);
                await("the second link, sent at once").atMost(PROMPTLY).until(() -> ResetSteps.linkMails(server, email).size() == 2);

                assertThat(Files.readString(node.log())).doesNotContain("AUDIT mail.retried");
                assertThat(smtp.droppedConnections()).as("connections the server dropped").isGreaterThanOrEqualTo(2);
            }
        }
    }
}
