package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.FaultReport;
import io.resetflow.testing.infrastructure.SecretScan;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The mail server goes away and comes back: nothing is lost, nothing is sent twice, no link waits anywhere. */
@ExtendWith(ServerExtension.class)
class MailOutageFaultIT {

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final int ACCOUNTS = 5;

    @Test
    void afterAMinuteWithoutMailServerEveryRequestGetsOneWorkingLinkAndNoLinkWasStoredMeanwhile(TestServer server) throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            emails.add(Accounts.register(server, "outage-" + i));
        }
        server.awaitOutboxDelivered();
        Instant down = Instant.now();
        server.mail().close();
        String tables;
        List<String> filesWithLinks;
        int answered = 0;
        try {
            for (String email : emails) {
                if (ResetSteps.askForLink(server, email).text().contains(ResetSteps.SENT)) {
                    answered++;
                }
            }
            for (String email : emails) {
                awaitFailedAttempt(server, email);
            }
            // What someone reading the database or the server's files during the outage could take.
            tables = SecretScan.database(server.database());
            filesWithLinks = SecretScan.filesContaining(serverFiles(server), linkPrefix(server));
            await("the end of the outage").atMost(OUTAGE.plusSeconds(5)).until(() -> Instant.now().isAfter(down.plus(OUTAGE)));
        } finally {
            server.mail().start();
        }
        assertThat(tables).as("no link in any table during the outage").doesNotContain(linkPrefix(server)).doesNotContain("token=");
        assertThat(filesWithLinks).as("no link in the server's files during the outage").isEmpty();

        int delivered = 0;
        int duplicates = 0;
        for (String email : emails) {
            ResetSteps.awaitLinkMails(server, email, 1);
        }
        server.awaitOutboxDelivered();
        for (String email : emails) {
            List<MimeMessage> mails = ResetSteps.linkMails(server, email);
            delivered += Math.min(mails.size(), 1);
            duplicates += Math.max(mails.size() - 1, 0);
            String link = Mailbox.resetLink(mails.get(0));
            assertThat(tables).as("the link that came was not stored while it waited").doesNotContain(ResetSteps.token(link));
            ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, link, "outage over and a new password " + email));
        }
        FaultReport.record("SMTP down 60 s", ACCOUNTS, answered, delivered, duplicates, answered - delivered);
        assertThat(answered).isEqualTo(ACCOUNTS);
        assertThat(duplicates).as("mails sent twice").isZero();
        assertThat(delivered).as("mails delivered").isEqualTo(ACCOUNTS);
    }

    @Test
    void aRequestSupersededDuringAnOutageLeavesOneMailWithTheNewestLinkAndItWorks(TestServer server) throws Exception {
        String email = Accounts.register(server, "superseded");
        server.awaitOutboxDelivered();
        server.mail().close();
        try {
            ResetSteps.askForLink(server, email);
            awaitFailedAttempt(server, email);
            ResetSteps.askForLink(new WebClient(server), email);
            await().atMost(Duration.ofSeconds(20)).until(() -> server.database().queryLong(
                    "SELECT COUNT(*) FROM resetflow_mail_outbox WHERE canonical_email = LOWER(?) AND kind = 'password_reset' AND attempts > 0", email) == 2);
        } finally {
            server.mail().start();
        }
        server.awaitOutboxDelivered();
        List<MimeMessage> mails = ResetSteps.awaitLinkMails(server, email, 1);
        assertThat(mails).as("one mail: the older request was dropped as superseded").hasSize(1);
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE canonical_email = LOWER(?) AND outcome = 'superseded'", email))
                .isEqualTo(1);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, Mailbox.resetLink(mails.get(0)), "the newest link works " + email));
        FaultReport.record("request superseded during SMTP outage", 2, 2, 1, 0, 0);
    }

    private static void awaitFailedAttempt(TestServer server, String email) {
        await("a failed delivery attempt for " + email).atMost(Duration.ofSeconds(20)).until(() -> server.database().queryLong(
                "SELECT COUNT(*) FROM resetflow_mail_outbox WHERE canonical_email = LOWER(?) AND attempts > 0 AND finished_at IS NULL", email) > 0);
    }

    /** How every reset link starts. */
    private static String linkPrefix(TestServer server) {
        return server.uri("/reset-password") + "?token=";
    }

    /** The server's work directory: its log, its runtime and temporary files, its access log. */
    private static Path serverFiles(TestServer server) {
        return server.log().getParent();
    }
}
