package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ComparableAnswer;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.FaultReport;
import io.resetflow.testing.infrastructure.OwnMariaDb;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running node: its own MariaDB server (own data directory, port and socket),
 * stopped and started by the test, so the shared server on 3306 is never touched.
 */
class DatabaseFaultIT {

    private static final String NOT_RECORDED = "We could not take your request just now, and nothing was kept. Please try again in a moment.";

    private static OwnMariaDb mariaDb;
    private static TestDatabase database;
    private static MailSink mail;
    private static PayaraMicroServer node;
    private static TestServer server;
    /** A node that counts its rate limits in the same database server (THROTTLE_STORE=database). */
    private static TestDatabase limitsDatabase;
    private static PayaraMicroServer limitsNode;
    private static TestServer limitsInTheDatabase;

    @BeforeAll
    static void start() throws Exception {
        mariaDb = OwnMariaDb.start("own-mariadb");
        database = mariaDb.database("resetflow");
        mail = new MailSink(Ports.free()).start();
        node = TestServer.startNode("database-fault", database, mail.port(), Map.of("MAIL_OUTBOX_LEASE_SECONDS", "30"));
        server = TestServer.at(node, mail);
        limitsDatabase = mariaDb.database("resetflow_limits");
        limitsNode = TestServer.startNode("database-fault-limits", limitsDatabase, mail.port(), Map.of("THROTTLE_STORE", "database"));
        limitsInTheDatabase = TestServer.at(limitsNode, mail);
    }

    @AfterAll
    static void stop() throws Exception {
        try (OwnMariaDb m = mariaDb; MailSink s = mail; PayaraMicroServer n = node; PayaraMicroServer l = limitsNode) {
            // closed in reverse order: the node, the mail sink, the database server
        }
    }

    @Test
    void withTheDatabaseDownForgotPasswordAnswersTheSameCalmPageForEveryAddressAndStoresNothing() throws Exception {
        String known = Accounts.register(server, "db-down");
        String unknown = Accounts.uniqueEmail("db-down-nobody");
        database.awaitOutboxFinished();
        WebClient.Page knownAnswer;
        WebClient.Page unknownAnswer;
        long rowsBefore = database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox");
        mariaDb.stop();
        try {
            knownAnswer = ResetSteps.askForLink(server, known);
            unknownAnswer = ResetSteps.askForLink(server, unknown);
        } finally {
            mariaDb.start();
        }
        assertCalmlyNotRecorded(knownAnswer);
        assertThat(ComparableAnswer.of(knownAnswer)).isEqualTo(ComparableAnswer.of(unknownAnswer));

        assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox")).as("nothing stored for the requests the database could not take")
                .isEqualTo(rowsBefore);
        awaitAnswering();
        database.awaitOutboxFinished();
        assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND canonical_email IN (LOWER(?), LOWER(?))", known, unknown))
                .isZero();
        assertThat(Mailbox.to(mail, known, ResetSteps.LINK_MAIL)).isEmpty();
        FaultReport.record("database down during forgot-password", 2, 0, 0, 0, 0);
    }

    @Test
    void withTheRateLimitsInTheDownDatabaseForgotPasswordAnswersTheSameCalmPageAndKeepsNothing() throws Exception {
        String known = Accounts.register(limitsInTheDatabase, "db-down-limits");
        limitsDatabase.awaitOutboxFinished();
        long rowsBefore = limitsDatabase.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox");
        long bucketsBefore = limitsDatabase.queryLong("SELECT COALESCE(SUM(used), 0) FROM resetflow_rate_bucket");
        WebClient.Page answer;
        mariaDb.stop();
        try {
            answer = ResetSteps.askForLink(limitsInTheDatabase, known);
        } finally {
            mariaDb.start();
        }
        assertCalmlyNotRecorded(answer);

        await("the database to answer again").atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> limitsDatabase.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox") >= 0);
        assertThat(limitsDatabase.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox")).as("no request row").isEqualTo(rowsBefore);
        assertThat(limitsDatabase.queryLong("SELECT COALESCE(SUM(used), 0) FROM resetflow_rate_bucket")).as("no place in a limit")
                .isEqualTo(bucketsBefore);
        assertThat(java.nio.file.Files.readString(limitsNode.log())).contains("AUDIT password_reset.not_recorded");
    }

    @Test
    void aDatabaseRestartWhileRequestsFlowLosesNoAnsweredRequest() throws Exception {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            emails.add(Accounts.register(server, "db-restart-" + i));
        }
        database.awaitOutboxFinished();
        List<String> answered = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        // Four answered, the database stops under the mails they started, four asked while it is down,
        // and four more once it is back.
        for (int i = 0; i < 4; i++) {
            ask(emails.get(i), answered, refused);
        }
        mariaDb.stop();
        try {
            for (int i = 4; i < 8; i++) {
                ask(emails.get(i), answered, refused);
            }
        } finally {
            mariaDb.start();
        }
        awaitAnswering();
        for (int i = 8; i < 12; i++) {
            ask(emails.get(i), answered, refused);
        }
        database.awaitOutboxFinished();
        int delivered = 0;
        int duplicates = 0;
        for (String email : answered) {
            int mails = Mailbox.await(mail, email, ResetSteps.LINK_MAIL, 1).size();
            delivered += Math.min(mails, 1);
            duplicates += Math.max(mails - 1, 0);
        }
        for (String email : refused) {
            assertThat(Mailbox.to(mail, email, ResetSteps.LINK_MAIL)).as("no mail for a request that was refused").isEmpty();
        }
        FaultReport.record("MariaDB restarted while requests flow", emails.size(), answered.size(), delivered, duplicates,
                answered.size() - delivered);
        assertThat(answered).as("answered before and after the restart").hasSizeGreaterThanOrEqualTo(8);
        assertThat(refused).as("asked while the database was down").hasSize(emails.size() - answered.size());
        assertThat(delivered).isEqualTo(answered.size());
        assertThat(duplicates).isZero();
    }

    @Test
    void readinessGoesDownWhileTheDatabaseIsUnreachableAndUpOnceItIsBack() throws Exception {
        awaitHealth(server.operatorsUri().resolve("health/ready"), 200);
        mariaDb.stop();
        try {
            String details = awaitHealth(server.operatorsUri().resolve("health/ready"), 503);
            assertThat(details).contains("\"database\"").contains("DOWN");
            assertThat(awaitHealth(server.uri("/health"), 503)).isEqualTo("{\"status\":\"DOWN\"}");
        } finally {
            mariaDb.start();
        }
        awaitHealth(server.operatorsUri().resolve("health/ready"), 200);
        assertThat(awaitHealth(server.uri("/health"), 200)).isEqualTo("{\"status\":\"UP\"}");
    }

    /** The page of a request the database did not take: 503, try again in 10 s, the calm words, nothing of the failure. */
    private static void assertCalmlyNotRecorded(WebClient.Page answer) {
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("10");
        assertThat(answer.text()).contains(NOT_RECORDED).doesNotContain(ResetSteps.SENT);
        assertThat(answer.body()).doesNotContainIgnoringCase("exception").doesNotContain("at io.resetflow");
    }

    /** Waits until the health endpoint answers with this status; returns its body. */
    private static String awaitHealth(URI uri, int status) {
        HttpClient http = HttpClient.newHttpClient();
        return await(uri + " answering " + status).atMost(Duration.ofSeconds(60)).until(() ->
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == status).body();
    }

    private static void ask(String email, List<String> answered, List<String> refused) {
        WebClient.Page page = ResetSteps.askForLink(server, email);
        if (page.text().contains(ResetSteps.SENT)) {
            answered.add(email);
        } else {
            assertThat(page.text()).contains(NOT_RECORDED);
            refused.add(email);
        }
    }

    /**
     * Waits until the node takes requests again (its pool replaces the connections the restart broke),
     * probing with requests for an address no account has.
     */
    private static void awaitAnswering() {
        await("the node to take requests again").atMost(Duration.ofSeconds(60)).until(() ->
                ResetSteps.askForLink(server, Accounts.uniqueEmail("probe")).text().contains(ResetSteps.SENT));
    }
}
