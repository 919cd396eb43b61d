package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same WAR on the embedded default (H2 inside Payara Micro, no database settings at all), with the
 * product's default settings: it deploys, serves, keeps its data in a file across restarts, hashes with
 * the configured 600,000 PBKDF2 iterations, and sends at most three reset mails per account per window.
 */
class EmbeddedH2DeploymentIT {

    @Test
    void sameWarServesOnEmbeddedH2AndKeepsDataAcrossRestarts() throws Exception {
        int port = Ports.free();
        Launch launch = Launch.forTests("h2", port, Map.of());
        Path databaseFile = launch.workDir().resolve("data").resolve("resetflow-" + port);
        try (MailSink mail = new MailSink(Ports.free()).start()) {
            launch = launch.withEnvironment(Map.of(
                    "APP_ALLOW_HTTP", "true",
                    "H2_DATABASE_FILE", databaseFile.toString(),
                    "SMTP_HOST", "127.0.0.1",
                    "SMTP_PORT", Integer.toString(mail.port())));
            String email = Accounts.uniqueEmail("h2");

            try (PayaraMicroServer server = PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT)) {
                HttpResponse<String> home = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(server.baseUri()).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(home.statusCode()).isEqualTo(200);
                assertThat(home.body()).contains("ResetFlow").contains("ln=primefaces");
                TestServer h2 = TestServer.at(server, mail);
                Accounts.register(h2, email, Accounts.PASSWORD);
                // The default limit: three reset requests per account per window; the fourth is recorded as
                // throttled and sends nothing. Requests that wait together are sent as one mail, the newest.
                for (int i = 0; i < 4; i++) {
                    WebClient web = new WebClient(h2);
                    web.submit(web.get("/forgot-password"), "forgot", Map.of("email", email));
                }
                h2.awaitResetRequestsProcessed();
                assertThat(h2.auditLines("password_reset.throttled")).isEqualTo(1);
                int sent = h2.sentMails("password_reset");
                assertThat(sent).isBetween(1, 3);
                Mailbox.await(mail, email, ResetSteps.LINK_MAIL, sent);
            }
            try (PayaraMicroServer restarted = PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT)) {
                WebClient signedIn = Accounts.signIn(TestServer.at(restarted), email, Accounts.PASSWORD);
                assertThat(Accounts.isSignedIn(signedIn)).as("account survived the restart").isTrue();
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + databaseFile + ";MODE=LEGACY", "sa", "");
             Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT password_hash FROM resetflow_app_user")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).startsWith("$argon2id$v=19$m=12288,t=3,p=1$");
        }
    }
}
