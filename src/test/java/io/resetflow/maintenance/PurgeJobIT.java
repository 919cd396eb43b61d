package io.resetflow.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The purge removes dead tokens and old outbox records, and nothing else (the tests' server purges every 2 s). */
@ExtendWith(ServerExtension.class)
class PurgeJobIT {

    @Test
    void deadTokensAndFinishedOutboxRecordsAreDeletedLiveOnesStay(TestServer server) throws Exception {
        String stale = Accounts.register(server, "purge-stale");
        String live = Accounts.register(server, "purge-live");
        ResetSteps.requestLink(server, stale);
        ResetSteps.requestLink(server, live);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        server.database().update("UPDATE password_reset_token SET created_at = ?, expires_at = ? WHERE user_id ="
                + " (SELECT id FROM app_user WHERE canonical_email = ?)", now.minusDays(3), now.minusDays(2), stale);
        String marker = "purge-" + System.nanoTime();
        insertOutbox(server, marker + "-old-sent@example.test", now.minusDays(8), null);
        insertOutbox(server, marker + "-old-failed@example.test", null, now.minusDays(8));
        insertOutbox(server, marker + "-recent-sent@example.test", now.minusDays(1), null);

        Mailbox.sleep(5_000);

        assertThat(tokens(server, stale)).as("expired two days ago").isZero();
        assertThat(tokens(server, live)).as("live token").isEqualTo(1);
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE ?", marker + "-old-%")).isZero();
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM mail_outbox WHERE recipient = ?", marker + "-recent-sent@example.test"))
                .isEqualTo(1);
    }

    private static long tokens(TestServer server, String email) throws Exception {
        return server.database().queryLong("SELECT COUNT(*) FROM password_reset_token t JOIN app_user u ON u.id = t.user_id"
                + " WHERE u.canonical_email = ?", email);
    }

    private static void insertOutbox(TestServer server, String recipient, LocalDateTime sentAt, LocalDateTime failedAt) throws Exception {
        LocalDateTime created = LocalDateTime.now(ZoneOffset.UTC).minusDays(9);
        server.database().update("INSERT INTO mail_outbox (recipient, subject, body, created_at, next_attempt_at, attempts, sent_at, failed_at)"
                + " VALUES (?, 'old', NULL, ?, ?, 1, ?, ?)", recipient, created, created, sentAt, failedAt);
    }
}
