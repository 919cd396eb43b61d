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
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.StallingSmtpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes drain one outbox through a mail server that takes several leases' time to confirm each mail:
 * the sending node keeps renewing its claim, so the other never sends the same mail again.
 */
@ExtendWith(ServerExtension.class)
class LeaseFaultIT {

    private static final int REQUESTS = 6;
    private static final int LEASE_SECONDS = 2;
    private static final Duration STALL = Duration.ofSeconds(3L * LEASE_SECONDS + 1);

    @Test
    void aMailServerSlowerThanALeaseNeverGetsAMailTwiceFromTwoNodes(TestServer shared) throws Exception {
        try (OwnMailPath path = OwnMailPath.beside(shared, "lease")) {
            TestDatabase database = path.database();
            MailSink mail = path.mail();
            StallingSmtpProxy smtp = path.smtp();
            Map<String, String> settings = Map.of("MAIL_OUTBOX_LEASE_SECONDS", Integer.toString(LEASE_SECONDS));
            try (PayaraMicroServer a = TestServer.startNode("lease-a", database, smtp.port(), settings);
                 PayaraMicroServer b = TestServer.startNode("lease-b", database, smtp.port(), settings)) {
                List<TestServer> nodes = List.of(TestServer.at(a, mail), TestServer.at(b, mail));
                List<String> emails = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    emails.add(Accounts.register(nodes.get(0), "lease-" + i));
                }
                database.awaitOutboxFinished();
                smtp.stallEachMessage(STALL);
                int answered = 0;
                for (int i = 0; i < REQUESTS; i++) {
                    if (ResetSteps.askForLink(nodes.get(i % 2), emails.get(i)).text().contains(ResetSteps.SENT)) {
                        answered++;
                    }
                }
                database.awaitOutboxFinished();
                // Every send that reached the server (a second one included) was held, and each held one arrives.
                await().atMost(STALL.multipliedBy(3)).until(() -> smtp.heldMessages() == 0
                        && emails.stream().mapToInt(e -> Mailbox.to(mail, e, ResetSteps.LINK_MAIL).size()).sum() >= smtp.stalledMessages());
                int delivered = 0;
                int duplicates = 0;
                for (String email : emails) {
                    int mails = Mailbox.to(mail, email, ResetSteps.LINK_MAIL).size();
                    delivered += Math.min(mails, 1);
                    duplicates += Math.max(mails - 1, 0);
                }
                FaultReport.record("SMTP stalls " + STALL.toSeconds() + " s, lease " + LEASE_SECONDS + " s, two nodes",
                        REQUESTS, answered, delivered, duplicates, answered - delivered);
                assertThat(smtp.stalledMessages()).as("mails the server was slow to confirm").isGreaterThanOrEqualTo(REQUESTS);
                assertThat(duplicates).as("mails sent twice").isZero();
                assertThat(delivered).isEqualTo(REQUESTS);
                assertThat(answered).isEqualTo(REQUESTS);
            }
        }
    }
}
