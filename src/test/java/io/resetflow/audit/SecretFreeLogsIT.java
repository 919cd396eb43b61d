package io.resetflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** After a whole register, forgot, reset and sign-in run, no log holds a token, a password or a link. */
@ExtendWith(ServerExtension.class)
class SecretFreeLogsIT {

    @Test
    void serverAccessAndAuditLogsHoldNoTokenPasswordOrLink(TestServer server) throws Exception {
        String oldPassword = "first secret passphrase " + System.nanoTime();
        String newPassword = "second secret passphrase " + System.nanoTime();
        long accessLinesBefore = server.accessLog().lines().count();
        String email = Accounts.register(server, Accounts.uniqueEmail("logs"), oldPassword);
        String link = ResetSteps.requestLink(server, email);
        WebClient web = new WebClient(server);
        WebClient.Page form = ResetSteps.open(web, link);
        web.submit(form, "reset", Map.of("password", "too short", "confirmation", "too short"));
        ResetSteps.assertLandedOnSignInWithSuccess(
                web.submit(ResetSteps.open(web, link), "reset", Map.of("password", newPassword, "confirmation", newPassword)));
        ResetSteps.open(new WebClient(server), link);
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, newPassword))).isTrue();
        Mailbox.awaitSubject(server.mail(), email, "Your password was changed");
        // Access log lines are written shortly after their responses: wait for this run's (at least 15 requests).
        await().atMost(Duration.ofSeconds(30)).until(() -> server.accessLog().lines().count() >= accessLinesBefore + 15);

        String token = ResetSteps.token(link);
        String serverLog = Files.readString(server.log());
        String accessLog = server.accessLog();
        assertThat(accessLog.lines().skip(accessLinesBefore)).as("this run's access log lines")
                .hasSizeGreaterThanOrEqualTo(15)
                .anyMatch(line -> line.contains("/reset-password")).anyMatch(line -> line.contains("/forgot-password"));
        assertThat(serverLog).as("audit lines present").contains("AUDIT password_reset.completed");
        for (String log : new String[] {serverLog, accessLog}) {
            assertThat(log).doesNotContain(token).doesNotContain(link).doesNotContain("token=")
                    .doesNotContain(oldPassword).doesNotContain(newPassword).doesNotContain("too short");
        }
        assertThat(serverLog.lines().filter(l -> l.contains("AUDIT"))).allSatisfy(line ->
                assertThat(line).doesNotContain(email).doesNotContain("@"));
    }
}
