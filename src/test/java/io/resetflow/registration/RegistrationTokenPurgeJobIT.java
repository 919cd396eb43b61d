package io.resetflow.registration;

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

/** The purge removes dead registration tokens and nothing else (the tests' server purges every 2 s). */
@ExtendWith(ServerExtension.class)
class RegistrationTokenPurgeJobIT {

    @Test
    void deadRegistrationTokensAreDeletedLiveOnesStay(TestServer server) throws Exception {
        String stale = Accounts.uniqueEmail("registration-stale");
        String live = Accounts.uniqueEmail("registration-live");
        Accounts.requestRegistrationLink(server, stale);
        Accounts.requestRegistrationLink(server, live);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        server.database().update("UPDATE registration_token SET created_at = ?, expires_at = ? WHERE canonical_email = ?",
                now.minusDays(3), now.minusDays(2), stale);

        await().atMost(Duration.ofSeconds(30)).until(() -> tokens(server, stale) == 0);

        assertThat(tokens(server, stale)).as("expired two days ago").isZero();
        assertThat(tokens(server, live)).as("live token").isEqualTo(1);
    }

    private static long tokens(TestServer server, String email) throws Exception {
        return server.database().queryLong("SELECT COUNT(*) FROM registration_token WHERE canonical_email = ?", email);
    }
}
