package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The purge removes outbox records a week after they finished, and nothing else (the tests' server purges every 2 s). */
@ExtendWith(ServerExtension.class)
class OutboxPurgeIT {

    @Test
    void finishedOutboxRecordsAreDeletedAfterAWeekRecentOnesStay(TestServer server) throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String marker = "purge-" + System.nanoTime();
        insertOutbox(server, marker + "-old-sent@example.test", now.minusDays(8), "sent");
        insertOutbox(server, marker + "-old-failed@example.test", now.minusDays(8), "given_up");
        insertOutbox(server, marker + "-recent-sent@example.test", now.minusDays(1), "sent");

        await().atMost(Duration.ofSeconds(30)).until(() -> records(server, marker + "-old-%") == 0);

        assertThat(records(server, marker + "-old-%")).isZero();
        assertThat(records(server, marker + "-recent-sent@example.test")).isEqualTo(1);
    }

    private static long records(TestServer server, String recipientPattern) throws Exception {
        return server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE recipient LIKE ?", recipientPattern);
    }

    private static void insertOutbox(TestServer server, String recipient, LocalDateTime finishedAt, String outcome) throws Exception {
        LocalDateTime created = LocalDateTime.now(ZoneOffset.UTC).minusDays(9);
        server.database().update("INSERT INTO resetflow_mail_outbox (kind, recipient, subject, body, created_at, next_attempt_at, attempts, finished_at, outcome)"
                + " VALUES ('notice', ?, 'old', NULL, ?, ?, 1, ?, ?)", recipient, created, created, finishedAt, outcome);
    }
}
