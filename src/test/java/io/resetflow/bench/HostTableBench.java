package io.resetflow.bench;

import static org.awaitility.Awaitility.await;

import io.resetflow.deployment.LaravelAccountsIT;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * Forgot-password over a host site's table of 1,000,000 accounts against the product's own table of as many, in one
 * run: two Payara Micro nodes with the tests' settings, one on its own {@code resetflow_app_user}, one mapped onto a Laravel
 * {@code users} table ({@code USERS_TABLE}), each in its own MariaDB database on 127.0.0.1:3306, one SMTP server
 * inside the benchmark. Every pair (page view + post) asks for another random account of the million, so every
 * request is accepted and its mail prepared with a look-up in the big table; a row ends when its node's outbox is
 * finished. Rows alternate between the nodes, round after round, so drift of a busy machine falls on both alike.
 *
 * <p>Per row: pairs/s, the node's CPU-ms per pair, and the rows MariaDB read by scanning ({@code Handler_read_rnd_next})
 * per pair, database-wide. Then the host/own ratio of the medians, one row on the host's table after its address index
 * was dropped (what a look-up without an index costs), and the {@code EXPLAIN} of each look-up. Run by
 * {@code bench/host-table.sh}.
 */
public final class HostTableBench {

    private static final int ACCOUNTS = Integer.getInteger("accounts", 1_000_000);
    private static final int ROUNDS = Integer.getInteger("rounds", 5);
    private static final int[] CONCURRENCY = {1, 4};
    private static final Duration ROW = Duration.ofSeconds(Long.getLong("row", 15));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("warmup", 60));

    /** One node and its database. */
    private record Node(String label, TestServer product, ProcessHandle process, TestDatabase database, String lookUp) {
    }

    private record Row(String label, int users, int pairs, double seconds, long cpuMillis, long scannedRows, long mails) {

        double pairsPerSecond() {
            return pairs / seconds;
        }

        String line() {
            return String.format("| %s | %d | %d | %.1f | %.2f | %.1f | %d |", label, users, pairs, pairsPerSecond(),
                    cpuMillis / (double) pairs, scannedRows / (double) pairs, mails);
        }
    }

    public static void main(String[] args) throws Exception {
        try (TestDatabase own = TestDatabase.provision("127.0.0.1", 3306, "root", "");
             TestDatabase host = own.sibling("host");
             TimingSmtpSink inbox = new TimingSmtpSink()) {
            long filling = System.nanoTime();
            try (Connection c = host.connect(); Statement s = c.createStatement()) {
                s.execute(LaravelAccountsIT.CREATE_TABLE);
                s.execute("INSERT INTO users (name, email, password, created_at, updated_at) SELECT CONCAT('Member ', seq),"
                        + " CONCAT('member-', seq, '@bench.test'), '" + LaravelAccountsIT.HASH + "', NOW(), NOW() FROM seq_1_to_" + ACCOUNTS);
            }
            var ownLaunch = TestServer.nodeLaunch("bench-own-table", own, inbox.port(), Map.of());
            var hostLaunch = TestServer.nodeLaunch("bench-host-table", host, inbox.port(), Map.of("USERS_TABLE", "users",
                    "USERS_NAME_COLUMN", "name", "HOST_SIGN_IN_URL", "https://shop.example.test/login",
                    "PASSWORD_WRITE_FORMAT", "bcrypt", "PASSWORD_HASH_BCRYPT_COST", "10"));
            try (PayaraMicroServer ownServer = PayaraMicroServer.start(ownLaunch, TestServer.BOOT_TIMEOUT);
                 PayaraMicroServer hostServer = PayaraMicroServer.start(hostLaunch, TestServer.BOOT_TIMEOUT)) {
                // The own table exists once its node has migrated its database: filled the same way.
                try (Connection c = own.connect(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO resetflow_app_user (email, canonical_email, display_name, password_hash, password_changed_at, created_at)"
                            + " SELECT CONCAT('member-', seq, '@bench.test'), CONCAT('member-', seq, '@bench.test'), CONCAT('Member ', seq),"
                            + " '" + TestServer.TEST_ARGON2ID_PREFIX + "c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',"
                            + " UTC_TIMESTAMP(6), UTC_TIMESTAMP(6) FROM seq_1_to_" + ACCOUNTS);
                }
                long filled = (System.nanoTime() - filling) / 1_000_000_000L;
                Node ownNode = new Node("own table (resetflow_app_user)", TestServer.at(ownServer), ownServer.process(), own,
                        "SELECT id, email, display_name, password_hash FROM resetflow_app_user WHERE canonical_email = ? LIMIT 2");
                Node hostNode = new Node("host table (users)", TestServer.at(hostServer), hostServer.process(), host,
                        "SELECT id, email, name, password FROM users WHERE email = ? LIMIT 2");
                IntFunction<String> anyAccount = i -> "member-" + (1 + ThreadLocalRandom.current().nextInt(ACCOUNTS)) + "@bench.test";

                long warmStarted = System.nanoTime();
                while (System.nanoTime() - warmStarted < WARM_UP.toNanos()) {
                    row(ownNode, 4, anyAccount, Duration.ofSeconds(5));
                    row(hostNode, 4, anyAccount, Duration.ofSeconds(5));
                }
                List<Row> rows = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    for (int users : CONCURRENCY) {
                        // Who goes first changes every round.
                        Node first = round % 2 == 0 ? ownNode : hostNode;
                        Node second = first == ownNode ? hostNode : ownNode;
                        rows.add(row(first, users, anyAccount, ROW));
                        rows.add(row(second, users, anyAccount, ROW));
                    }
                }

                String explainedWithIndex = explain(hostNode, "member-" + (ACCOUNTS / 2 + 7) + "@bench.test");
                // What the index is worth: the host's table without it, one row, and its look-up's plan.
                try (Connection c = host.connect(); Statement s = c.createStatement()) {
                    s.execute("ALTER TABLE users DROP INDEX users_email_unique");
                }
                Node unindexed = new Node("host table without its address index", hostNode.product(), hostNode.process(), host,
                        hostNode.lookUp());
                Row withoutIndex = row(unindexed, 1, anyAccount, Duration.ofSeconds(3));

                System.out.println();
                System.out.printf("Forgot-password over %,d accounts: the own table against a host's table, one run, %d cores,"
                                + " local MariaDB and SMTP, every request accepted (another random account each), %d s per row after"
                                + " %d s of warm-up, %d rounds; tables filled in %d s%n", ACCOUNTS, Runtime.getRuntime().availableProcessors(),
                        ROW.toSeconds(), WARM_UP.toSeconds(), ROUNDS, filled);
                System.out.println("| accounts in | concurrency | pairs | pairs/s | node CPU-ms per pair | rows read by table scans per pair | mails |");
                System.out.println("|---|---|---|---|---|---|---|");
                rows.forEach(row -> System.out.println(row.line()));
                System.out.println(withoutIndex.line());
                System.out.println();
                System.out.println("| concurrency | own table, median pairs/s | host table, median pairs/s | host ÷ own |");
                System.out.println("|---|---|---|---|");
                for (int users : CONCURRENCY) {
                    double ownMedian = median(rows, ownNode.label(), users);
                    double hostMedian = median(rows, hostNode.label(), users);
                    System.out.printf("| %d | %.1f | %.1f | %.3f |%n", users, ownMedian, hostMedian, hostMedian / ownMedian);
                }
                System.out.println();
                System.out.println("EXPLAIN of the " + ownNode.label() + " look-up: " + ownNode.lookUp());
                System.out.println(explain(ownNode, "member-" + (ACCOUNTS / 2 + 7) + "@bench.test"));
                System.out.println("EXPLAIN of the " + hostNode.label() + " look-up, as it was measured: " + hostNode.lookUp());
                System.out.println(explainedWithIndex);
                System.out.println("EXPLAIN of the same look-up once the index was dropped:");
                System.out.println(explain(unindexed, "member-" + (ACCOUNTS / 2 + 7) + "@bench.test"));
            }
        }
    }

    /** Pairs by this many people at once for this long on one node; ends when its outbox is finished. */
    private static Row row(Node node, int users, IntFunction<String> email, Duration length) throws Exception {
        awaitOutboxFinished(node.database());
        long mailsBefore = mailsSent(node);
        long cpuBefore = LoadBench.cpuMillis(node.process());
        long scannedBefore = scannedRows(node.database());
        LoadBench.Timed timed = LoadBench.timePairs(node.product().baseUri(), node.label(), users, false, email, length);
        awaitOutboxFinished(node.database());
        long cpu = LoadBench.cpuMillis(node.process()) - cpuBefore;
        long scanned = scannedRows(node.database()) - scannedBefore;
        return new Row(node.label(), users, timed.sortedNanos().size(), timed.seconds(), cpu, scanned, mailsSent(node) - mailsBefore);
    }

    /** Mails its outbox marked sent. */
    private static long mailsSent(Node node) throws SQLException {
        return node.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE outcome = 'sent'");
    }

    /** Rows read by scanning, database-wide (every client of this MariaDB server counts). */
    private static long scannedRows(TestDatabase database) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE 'Handler_read_rnd_next'")) {
            r.next();
            return r.getLong(2);
        }
    }

    private static void awaitOutboxFinished(TestDatabase database) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE finished_at IS NULL") == 0);
    }

    private static double median(List<Row> rows, String label, int users) {
        List<Double> values = rows.stream().filter(r -> r.label().equals(label) && r.users() == users).map(Row::pairsPerSecond)
                .sorted(Comparator.naturalOrder()).toList();
        return values.get(values.size() / 2);
    }

    private static String explain(Node node, String email) throws SQLException {
        StringBuilder table = new StringBuilder();
        try (Connection c = node.database().connect(); var statement = c.prepareStatement("EXPLAIN " + node.lookUp())) {
            statement.setString(1, email);
            try (ResultSet r = statement.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                StringBuilder header = new StringBuilder("|");
                StringBuilder rule = new StringBuilder("|");
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    header.append(' ').append(meta.getColumnLabel(i)).append(" |");
                    rule.append("---|");
                }
                table.append(header).append('\n').append(rule).append('\n');
                while (r.next()) {
                    table.append('|');
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        table.append(' ').append(r.getString(i)).append(" |");
                    }
                    table.append('\n');
                }
            }
        }
        return table.toString();
    }
}
