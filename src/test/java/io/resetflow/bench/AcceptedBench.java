package io.resetflow.bench;

import static org.awaitility.Awaitility.await;

import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * What a forgot-password request costs when it is accepted and does its work (the look-up, the link, the mail),
 * against what it costs when a limit refuses it, in one run on one server. One Payara Micro node with the tests'
 * settings (a reset-request limit of 12 per address, the production retry delay) on MariaDB on 127.0.0.1:3306,
 * 10,000 accounts made straight in its database, an SMTP server inside the benchmark.
 *
 * <p>Closed-loop rows at concurrency 1, 4 and 16, each pair (page view + post) by a new client network:
 * <ul>
 * <li>known, accepted: every pair for another of the 10,000 accounts, so no limit refuses it and each sends a link;</li>
 * <li>unknown, accepted: every pair for another address without an account;</li>
 * <li>known, throttled and unknown, throttled: every pair for one address, which its per-address limit refuses after
 * its first requests (what {@code bench/load.sh} measures).</li>
 * </ul>
 * Each row ends only when the outbox has finished every request of the row, so the server's CPU time per pair includes
 * the work behind it (preparing and sending the mail, or dropping the request). Then open-loop levels of 20, 50 and
 * 100 requests/s for known accounts, each after 30 s without any request (so without mail): the time from each post
 * to its link in the inbox, for the first 20 mails and for all.
 *
 * <p>Run by {@code bench/accepted.sh}; prints two tables.
 */
public final class AcceptedBench {

    private static final int ACCOUNTS = 10_000;
    private static final int[] CONCURRENCY = {1, 4, 16};
    private static final int[] OPEN_LOOP_RATES = {20, 50, 100};
    private static final Duration ROW = Duration.ofSeconds(Long.getLong("row", 15));
    private static final Duration QUIET = Duration.ofSeconds(30);
    private static final Duration LEVEL = Duration.ofSeconds(10);
    private static final int WARM_UP_SECONDS = Integer.getInteger("warmup", 90);
    private static final int WARM_UP_MAX_SECONDS = Integer.getInteger("warmup.max", 1200);
    private static final int RATIO_ROUNDS = Integer.getInteger("rounds", 6);
    private static final int RATIO_CONCURRENCY = 4;
    private static final Duration RATIO_ROW = Duration.ofSeconds(10);
    private static final AtomicLong OWN_SELECTS = new AtomicLong();
    private static final String THROTTLED_UNKNOWN = "nobody-throttled@bench.test";

    /** {@code NAME=value NAME=value}: settings of the other node. */
    private static Map<String, String> settings(String pairs) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String pair : pairs.trim().split("\\s+")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                settings.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return settings;
    }

    public static void main(String[] args) throws Exception {
        String earlierWar = System.getProperty("compare.war", "");
        Map<String, String> otherSettings = settings(System.getProperty("compare.env", ""));
        String otherName = !earlierWar.isEmpty() ? "the earlier WAR " + earlierWar
                : "this build with " + otherSettings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(" "));
        TestDatabase database = TestDatabase.provision("127.0.0.1", 3306, "root", "");
        try (Node node = Node.start("bench-accepted", database, Optional.empty(), Map.of());
             Node earlier = earlierWar.isEmpty() && otherSettings.isEmpty() ? null
                     : Node.start("bench-accepted-other", database.sibling("other"),
                             earlierWar.isEmpty() ? Optional.empty() : Optional.of(Path.of(earlierWar).toAbsolutePath()), otherSettings)) {
            List<Node> nodes = earlier == null ? List.of(node) : List.of(node, earlier);

            // Untimed until each server's JIT compiler has settled, as bench/load.sh does: at least WARMUP_SECONDS, at
            // most WARMUP_MAX_SECONDS, in rounds of accepted pairs at concurrency 1 and 4 until the compiler takes
            // under 5% of the server's CPU time in a round.
            long warmStarted = System.nanoTime();
            double compilerShare;
            do {
                compilerShare = 0;
                for (Node each : nodes) {
                    Row known = each.row("warm", 1, each.knownAccepted, Duration.ofSeconds(5));
                    Row busy = each.row("warm", 4, each.knownAccepted, Duration.ofSeconds(10));
                    Row unknown = each.row("warm", 4, each.unknownAccepted, Duration.ofSeconds(5));
                    compilerShare = Math.max(compilerShare, (known.compilerMillis + busy.compilerMillis + unknown.compilerMillis)
                            / (double) Math.max(1, known.cpuMillis + busy.cpuMillis + unknown.cpuMillis));
                }
            } while (elapsedSeconds(warmStarted) < WARM_UP_SECONDS
                    || (compilerShare >= 0.05 && elapsedSeconds(warmStarted) < WARM_UP_MAX_SECONDS));
            long warmedUp = elapsedSeconds(warmStarted);

            // Row by row, each node in turn: what drifts on a shared machine drifts for both.
            for (int users : CONCURRENCY) {
                for (Node each : nodes) {
                    each.rows.add(each.row("known, accepted", users, each.knownAccepted, ROW));
                    each.rows.add(each.row("known, throttled", users, i -> each.throttledKnown, ROW));
                    each.rows.add(each.row("unknown, accepted", users, each.unknownAccepted, ROW));
                    each.rows.add(each.row("unknown, throttled", users, i -> THROTTLED_UNKNOWN, ROW));
                }
            }
            // The ratios the targets name, from short rounds on this build: each round takes the accepted and the
            // throttled row back to back, accepted first in one round and throttled first in the next, so that what the
            // machine drifts by during a round falls on both; the median of the rounds' ratios is the figure.
            List<double[]> ratios = new ArrayList<>();
            for (int round = 0; round < RATIO_ROUNDS; round++) {
                boolean acceptedFirst = round % 2 == 0;
                ratios.add(new double[] {node.ratio(node.knownAccepted, node.throttledKnown, acceptedFirst),
                        node.ratio(node.unknownAccepted, THROTTLED_UNKNOWN, acceptedFirst)});
            }
            List<String> levels = new ArrayList<>();
            for (int rate : OPEN_LOOP_RATES) {
                levels.add(node.level(rate, node.knownAccepted));
            }

            for (Node each : nodes) {
                System.out.println();
                System.out.printf("Accepted and throttled forgot-password pairs, %s, one node, %d cores, local MariaDB and SMTP, %d accounts,"
                        + " %d s per row after %d s of warm-up (its last round: JIT compiler %.0f%% of the server's CPU at most)%n",
                        each == node ? "this build" : otherName, Runtime.getRuntime().availableProcessors(),
                        ACCOUNTS, ROW.toSeconds(), warmedUp, 100 * compilerShare);
                System.out.println("| pairs | concurrency | pairs done | pairs/s | pair p50 ms | pair p99 ms | mails sent | server CPU-ms per pair"
                        + " (request and the work behind it) | of which request threads | of which outbox and tasks | of which collector"
                        + " | of which JIT compiler | CPU per pair ÷ throttled | database statements per pair | commits per pair |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
                for (int i = 0; i < each.rows.size(); i++) {
                    Row row = each.rows.get(i);
                    Row throttled = row.label.endsWith("accepted") ? each.rows.get(i + 1) : row;
                    System.out.println(row.line(throttled));
                }
            }
            if (earlier != null) {
                System.out.println();
                System.out.println("This build against " + otherName + " (\"other\"), the rows of one run taken in turn: CPU per pair and its ratio");
                System.out.println("| pairs | concurrency | other CPU-ms per pair | this build | this ÷ other | other ÷ throttled |"
                        + " this build ÷ throttled |");
                System.out.println("|---|---|---|---|---|---|---|");
                for (int i = 0; i < node.rows.size(); i++) {
                    Row now = node.rows.get(i);
                    Row before = earlier.rows.get(i);
                    boolean accepted = now.label.endsWith("accepted");
                    System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %s | %s |%n", now.label, now.users, before.cpuPerPair(), now.cpuPerPair(),
                            now.cpuPerPair() / before.cpuPerPair(),
                            accepted ? String.format("%.2f", before.cpuPerPair() / earlier.rows.get(i + 1).cpuPerPair()) : "1",
                            accepted ? String.format("%.2f", now.cpuPerPair() / node.rows.get(i + 1).cpuPerPair()) : "1");
                }
            }
            if (!ratios.isEmpty()) {
                System.out.println();
                System.out.printf("Accepted ÷ throttled server CPU per pair, this build, concurrency %d, %d rounds of %d s rows"
                        + " (accepted first in odd rounds, throttled first in even ones)%n", RATIO_CONCURRENCY, ratios.size(),
                        RATIO_ROW.toSeconds());
                System.out.println("| round | known accepted ÷ throttled | unknown accepted ÷ throttled |");
                System.out.println("|---|---|---|");
                for (int i = 0; i < ratios.size(); i++) {
                    System.out.printf("| %d | %.2f | %.2f |%n", i + 1, ratios.get(i)[0], ratios.get(i)[1]);
                }
                System.out.printf("| median | %.2f | %.2f |%n", median(ratios, 0), median(ratios, 1));
            }
            System.out.println();
            System.out.printf("Open loop after %d s without requests, this build: forgot-password for known accounts, each for another"
                    + " account, for %d s%n", QUIET.toSeconds(), LEVEL.toSeconds());
            System.out.println("| requests/s | requests | mails | first 20: link in inbox p50 ms | p99 ms | all: p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            levels.forEach(System.out::println);
        }
    }

    /** One closed-loop row. */
    private record Row(String label, int users, int pairs, double seconds, List<Long> sortedNanos, long mails, long cpuMillis,
                       long compilerMillis, long requestThreadMillis, long managedThreadMillis, long collectorMillis, long statements,
                       long commits) {

        double cpuPerPair() {
            return cpuMillis / (double) pairs;
        }

        String line(Row throttled) {
            String ratio = throttled == this ? "1" : String.format("%.2f", cpuPerPair() / throttled.cpuPerPair());
            return String.format("| %s | %d | %d | %.0f | %.1f | %.1f | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %s | %.1f | %.1f |", label,
                    users, pairs, pairs / seconds, percentile(sortedNanos, 50) / 1e6, percentile(sortedNanos, 99) / 1e6, mails,
                    cpuPerPair(), requestThreadMillis / (double) pairs, managedThreadMillis / (double) pairs,
                    collectorMillis / (double) pairs, compilerMillis / (double) pairs, ratio, statements / (double) pairs,
                    commits / (double) pairs);
        }
    }

    /**
     * The database's counts of statements (SELECT, INSERT, UPDATE, DELETE) and of commits so far, less this
     * benchmark's own look-ups at the outbox.
     */
    private static long[] databaseWork(TestDatabase database) throws SQLException {
        long statements = 0;
        long commits = 0;
        try (var connection = database.connect();
             var status = connection.createStatement().executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN"
                     + " ('Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_commit')")) {
            while (status.next()) {
                long value = status.getLong(2);
                if ("Com_commit".equalsIgnoreCase(status.getString(1))) {
                    commits += value;
                } else {
                    statements += value;
                }
            }
        }
        // SHOW is not counted as a SELECT; every look-up of unfinished() is one of the benchmark's own.
        return new long[] {statements - OWN_SELECTS.get(), commits};
    }

    /** One server on its own database with its own SMTP server, and what was measured on it. */
    private static final class Node implements AutoCloseable {
        final TestDatabase database;
        final TimingSmtpSink inbox;
        final PayaraMicroServer server;
        final ThreadTime compiler;
        final ThreadTime requestThreads;
        final ThreadTime managedThreads;
        final ThreadTime collector;
        final TestServer product;
        final String throttledKnown;
        final IntFunction<String> knownAccepted;
        final IntFunction<String> unknownAccepted;
        final List<Row> rows = new ArrayList<>();

        private Node(TestDatabase database, TimingSmtpSink inbox, PayaraMicroServer server) throws Exception {
            this.database = database;
            this.inbox = inbox;
            this.server = server;
            this.compiler = ThreadTime.compilerOf(server.process());
            this.requestThreads = ThreadTime.requestThreadsOf(server.process());
            this.managedThreads = ThreadTime.managedThreadsOf(server.process());
            this.collector = ThreadTime.collectorOf(server.process());
            this.product = TestServer.at(server);
            String[] accounts = new String[ACCOUNTS];
            for (int i = 0; i < ACCOUNTS; i++) {
                accounts[i] = "accepted-" + i + "@bench.test";
            }
            DeliveryBench.createAccounts(database, accounts);
            AtomicInteger nextAccount = new AtomicInteger();
            AtomicInteger nextUnknown = new AtomicInteger();
            this.knownAccepted = i -> accounts[nextAccount.getAndIncrement() % ACCOUNTS];
            this.unknownAccepted = i -> "nobody-" + nextUnknown.getAndIncrement() + "@bench.test";
            this.throttledKnown = accounts[ACCOUNTS - 1];
        }

        /**
         * A node of this build's WAR, or of the one given, on this database (which it closes), with the tests' settings, the
         * production retry delay and the benchmark's JVM options.
         */
        static Node start(String name, TestDatabase database, Optional<Path> war, Map<String, String> settings) throws Exception {
            TimingSmtpSink inbox = new TimingSmtpSink();
            Map<String, String> extra = new java.util.HashMap<>(Map.of("MAIL_RETRY_INITIAL_DELAY_SECONDS", "10", "MAIL_RETRY_MAX_DELAY_SECONDS", "900"));
            extra.putAll(settings);
            Launch launch = TestServer.nodeLaunch(name, database, inbox.port(), extra)
                    .withJvmOptions(System.getProperty("server.jvm", ""));
            if (war.isPresent()) {
                launch = launch.withWar(war.get());
            }
            return new Node(database, inbox, PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT));
        }

        /**
         * Page view + post pairs by this many people at once for this long, each for the address {@code email} gives; then
         * waits until the outbox has finished every request, so that the CPU time counted includes the work behind them.
         */
        Row row(String label, int users, IntFunction<String> email, Duration length) throws Exception {
            awaitOutboxFinished();
            long mailsBefore = inbox.count();
            long cpuBefore = LoadBench.cpuMillis(server.process());
            long compilerBefore = compiler.millis();
            long requestsBefore = requestThreads.millis();
            long managedBefore = managedThreads.millis();
            long collectorBefore = collector.millis();
            long[] databaseBefore = databaseWork(database);
            LoadBench.Timed timed = LoadBench.timePairs(product.baseUri(), label, users, false, email, length);
            awaitOutboxFinished();
            long cpu = LoadBench.cpuMillis(server.process()) - cpuBefore;
            long compiling = compiler.millis() - compilerBefore;
            long threads = requestThreads.millis() - requestsBefore;
            long outbox = managedThreads.millis() - managedBefore;
            long collecting = collector.millis() - collectorBefore;
            long[] databaseAfter = databaseWork(database);
            List<Long> sorted = timed.sortedNanos();
            double seconds = timed.seconds();
            return new Row(label, users, sorted.size(), seconds, sorted, inbox.count() - mailsBefore, cpu, compiling, threads, outbox,
                    collecting, databaseAfter[0] - databaseBefore[0], databaseAfter[1] - databaseBefore[1]);
        }

        /**
         * One round's accepted ÷ throttled CPU per pair at {@link #RATIO_CONCURRENCY}: the two rows back to back, in the
         * order given.
         */
        double ratio(IntFunction<String> accepted, String throttled, boolean acceptedFirst) throws Exception {
            Row first = acceptedFirst ? row("accepted", RATIO_CONCURRENCY, accepted, RATIO_ROW)
                    : row("throttled", RATIO_CONCURRENCY, i -> throttled, RATIO_ROW);
            Row second = acceptedFirst ? row("throttled", RATIO_CONCURRENCY, i -> throttled, RATIO_ROW)
                    : row("accepted", RATIO_CONCURRENCY, accepted, RATIO_ROW);
            return acceptedFirst ? first.cpuPerPair() / second.cpuPerPair() : second.cpuPerPair() / first.cpuPerPair();
        }

        /** After a stretch without requests, offers requests at this rate, each for another account; inbox times. */
        String level(int rate, IntFunction<String> email) throws Exception {
            awaitOutboxFinished();
            Thread.sleep(QUIET.toMillis());
            int count = (int) (rate * LEVEL.toSeconds());
            String[] emails = new String[count];
            WebClient[] clients = new WebClient[count];
            WebClient.PreparedPost[] posts = new WebClient.PreparedPost[count];
            for (int i = 0; i < count; i++) {
                emails[i] = email.apply(i);
                clients[i] = new WebClient(product.baseUri(), LoadBench.nextNetwork());
                posts[i] = clients[i].prepare(clients[i].get("/forgot-password"), "forgot", Map.of("email", emails[i]));
            }
            // The forms were fetched just now; the stretch without mail is what matters, so wait it out once more.
            awaitOutboxFinished();
            Thread.sleep(QUIET.toMillis());
            long[] sent = new long[count];
            ExecutorService senders = Executors.newFixedThreadPool(64);
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger next = new AtomicInteger();
            clock.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < count) {
                    senders.execute(() -> {
                        sent[i] = System.nanoTime();
                        clients[i].post(posts[i].uri(), posts[i].body());
                    });
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50)).until(() -> next.get() >= count);
            clock.shutdownNow();
            senders.shutdown();
            senders.awaitTermination(1, TimeUnit.MINUTES);
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        .until(() -> java.util.Arrays.stream(emails).allMatch(e -> inbox.arrival(e) != null && inbox.arrival(e) > sent[0]));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // counted as missing below
            }
            List<Long> first = new ArrayList<>();
            List<Long> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Long arrival = inbox.arrival(emails[i]);
                if (arrival != null && arrival > sent[i]) {
                    long millis = (arrival - sent[i]) / 1_000_000;
                    all.add(millis);
                    if (i < 20) {
                        first.add(millis);
                    }
                }
            }
            Collections.sort(first);
            Collections.sort(all);
            return String.format("| %d | %d | %d | %d | %d | %d | %d | %d |", rate, count, all.size(), DeliveryBench.percentile(first, 50),
                    DeliveryBench.percentile(first, 99), DeliveryBench.percentile(all, 50), DeliveryBench.percentile(all, 99),
                    all.isEmpty() ? -1 : all.get(all.size() - 1));
        }

        void awaitOutboxFinished() {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> unfinished() == 0);
        }

        long unfinished() throws SQLException {
            OWN_SELECTS.incrementAndGet();
            return database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE finished_at IS NULL");
        }

        @Override
        public void close() throws Exception {
            for (AutoCloseable each : List.<AutoCloseable>of(compiler, requestThreads, managedThreads, collector, server, inbox, database)) {
                each.close();
            }
        }
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(round -> round[column]).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static long elapsedSeconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : DeliveryBench.percentile(sorted, p);
    }
}
