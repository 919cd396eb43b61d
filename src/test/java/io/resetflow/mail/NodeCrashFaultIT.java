package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.OwnMailPath;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.FaultReport;
import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.StallingSmtpProxy;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code kill -9} of a node that holds answered requests whose mails have not left: a restart sends them all.
 * The node has its own database, so that the shared test server cannot deliver its outbox meanwhile.
 */
@ExtendWith(ServerExtension.class)
class NodeCrashFaultIT {

    private static final int REQUESTS = 6;

    @Test
    void killedWhileSendingEveryAnsweredRequestGetsOneWorkingLinkAfterARestart(TestServer shared) throws Exception {
        try (OwnMailPath path = OwnMailPath.beside(shared, "crash")) {
            TestDatabase database = path.database();
            MailSink mail = path.mail();
            StallingSmtpProxy smtp = path.smtp();
            Launch launch = path.nodeLaunch("crash", Map.of("MAIL_OUTBOX_LEASE_SECONDS", "6"));
            List<String> emails = new ArrayList<>();
            int answered = 0;
            PayaraMicroServer first = PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT);
            try {
                TestServer node = TestServer.at(first, mail);
                for (int i = 0; i < REQUESTS; i++) {
                    emails.add(Accounts.register(node, "crash-" + i));
                }
                database.awaitOutboxFinished();
                // The mail server now takes each mail without ever confirming it: the mails cannot leave.
                smtp.stallEachMessage(Duration.ofMinutes(10));
                for (String email : emails) {
                    if (ResetSteps.askForLink(node, email).text().contains(ResetSteps.SENT)) {
                        answered++;
                    }
                }
                await("every request claimed by the node").atMost(Duration.ofSeconds(30)).until(() -> database.queryLong(
                        "SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND claimed_by IS NOT NULL AND finished_at IS NULL") == REQUESTS);
                first.kill();
            } finally {
                first.close();
            }
            assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND finished_at IS NULL"))
                    .as("requests left unfinished by the killed node").isEqualTo(REQUESTS);

            smtp.stallEachMessage(Duration.ZERO);
            int delivered = 0;
            int duplicates = 0;
            try (PayaraMicroServer restarted = PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT)) {
                TestServer node = TestServer.at(restarted, mail);
                for (String email : emails) {
                    Mailbox.await(mail, email, ResetSteps.LINK_MAIL, 1);
                }
                database.awaitOutboxFinished();
                for (String email : emails) {
                    List<MimeMessage> mails = Mailbox.to(mail, email, ResetSteps.LINK_MAIL);
                    delivered += Math.min(mails.size(), 1);
                    duplicates += Math.max(mails.size() - 1, 0);
                    ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(node, Mailbox.resetLink(mails.get(mails.size() - 1)),
                            "after the crash " + email));
                }
            }
            FaultReport.record("kill -9 with mails waiting", REQUESTS, answered, delivered, duplicates, answered - delivered);
            assertThat(answered).isEqualTo(REQUESTS);
            assertThat(delivered).isEqualTo(REQUESTS);
            assertThat(duplicates).isZero();
        }
    }
}
