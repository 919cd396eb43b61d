package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The purge removes dead tokens and nothing else (the tests' server purges every 2 s). */
@ExtendWith(ServerExtension.class)
class PasswordResetTokenPurgeJobIT {

    @Test
    void deadTokensAreDeletedLiveOnesStay(TestServer server) throws Exception {
        String stale = Accounts.register(server, "purge-stale");
        String live = Accounts.register(server, "purge-live");
        ResetSteps.requestLink(server, stale);
        ResetSteps.requestLink(server, live);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        server.database().update("UPDATE password_reset_token SET created_at = ?, expires_at = ? WHERE user_id ="
                + " (SELECT id FROM app_user WHERE canonical_email = ?)", now.minusDays(3), now.minusDays(2), stale);

        await().atMost(Duration.ofSeconds(30)).until(() -> tokens(server, stale) == 0);

        assertThat(tokens(server, stale)).as("expired two days ago").isZero();
        assertThat(tokens(server, live)).as("live token").isEqualTo(1);
    }

    private static long tokens(TestServer server, String email) throws Exception {
        return server.database().queryLong("SELECT COUNT(*) FROM password_reset_token t JOIN app_user u ON u.id = t.user_id"
                + " WHERE u.canonical_email = ?", email);
    }
}
