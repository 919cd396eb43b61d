package io.resetflow.bench;

import static org.awaitility.Awaitility.await;

import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How fast mail leaves: the outbox's drain rate, and the time from a forgot-password request to its link in the
 * inbox at steady request rates for distinct accounts. One Payara Micro node (production JVM settings) on the
 * local MariaDB, an SMTP server on this machine. Run by {@code bench/delivery.sh}; prints a table.
 */
public final class DeliveryBench {

    private static final int DRAIN_MAILS = 2000;
    private static final int[] RATES = {20, 50, 100};
    private static final Duration STAGE = Duration.ofSeconds(10);
    private static final int WARM_UP_SECONDS = Integer.getInteger("warmup", 60);

    /** CPU time of the server, the database and this benchmark (client and SMTP server), read from the OS. */
    private record Cpu(ProcessHandle server, Optional<ProcessHandle> database) {
        long[] now() {
            return new long[] {millis(server), database.map(Cpu::millis).orElse(-1L), millis(ProcessHandle.current())};
        }

        private static long millis(ProcessHandle process) {
            return process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
        }

        static Optional<ProcessHandle> mariadb() {
            return ProcessHandle.allProcesses()
                    .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false))
                    .findFirst();
        }
    }

    private static Cpu cpu;

    public static void main(String[] args) throws Exception {
        int workers = Integer.parseInt(System.getProperty("workers", "8"));
        try (TestDatabase database = TestDatabase.provision("127.0.0.1", 3306, "root", "");
             TimingSmtpSink sink = new TimingSmtpSink()) {
            var launch = TestServer.nodeLaunch("bench-delivery", database, sink.port(),
                    Map.of("MAIL_OUTBOX_WORKERS", Integer.toString(workers), "MAIL_OUTBOX_POLL_SECONDS", "1",
                            "THROTTLE_RESET_REQUEST_PER_CLIENT", "0")).withJvmOptions(System.getProperty("server.jvm", ""));
            try (PayaraMicroServer node = PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT)) {
                TestServer server = TestServer.at(node);
                cpu = new Cpu(node.process(), Cpu.mariadb());
                List<String> rows = new ArrayList<>();
                // Warm first; the drain last, so that the database's work after 2000 commits at once does not
                // fall into the timed request runs.
                warmUp(server, database, sink);
                for (int rate : RATES) {
                    rows.add(steady(server, database, sink, rate));
                }
                rows.add(drain(database, sink));
                System.out.println();
                System.out.printf("Delivery, one node, %d workers, %d cores, local MariaDB and SMTP, after %d s at 50 requests/s%n", workers,
                        Runtime.getRuntime().availableProcessors(), WARM_UP_SECONDS);
                System.out.println("| load | requests | answered | in inbox | answer p50 ms | answer p99 ms | link in inbox p50 ms | p99 ms | max ms | CPU-ms per mail: server / database / client+SMTP |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|");
                rows.forEach(System.out::println);
            }
        }
    }

    /** Writes many ready mails into the outbox at once and times how fast they leave. */
    private static String drain(TestDatabase database, TimingSmtpSink sink) throws Exception {
        String[] recipients = new String[DRAIN_MAILS];
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO resetflow_mail_outbox (kind, recipient, subject, body) VALUES ('notice', ?, 'Bench', 'A mail of the drain benchmark.')")) {
            c.setAutoCommit(false);
            for (int i = 0; i < DRAIN_MAILS; i++) {
                recipients[i] = "drain-" + i + "@bench.test";
                insert.setString(1, recipients[i]);
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
        long[] cpuBefore = cpu.now();
        long committed = System.nanoTime();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> Arrays.stream(recipients).allMatch(r -> sink.arrival(r) != null));
        long[] cpuAfter = cpu.now();
        long first = Arrays.stream(recipients).mapToLong(sink::arrival).min().orElseThrow();
        long last = Arrays.stream(recipients).mapToLong(sink::arrival).max().orElseThrow();
        double rate = (DRAIN_MAILS - 1) / ((last - first) / 1e9);
        double fromCommit = DRAIN_MAILS / ((last - committed) / 1e9);
        return String.format("| drain %d queued mails: %.0f mails/s first to last, %.0f mails/s from commit | %d | - | %d | - | - | - | - | - | %s |",
                DRAIN_MAILS, rate, fromCommit, DRAIN_MAILS, DRAIN_MAILS, cpuPerItem(cpuBefore, cpuAfter, DRAIN_MAILS));
    }

    /**
     * Runs at 50 requests/s, not reported, for {@code -Dwarmup} seconds (default 60): a server that has just started
     * spends most of its CPU compiling the request and mail paths, and the timed runs are meant to show it running.
     */
    private static void warmUp(TestServer server, TestDatabase database, TimingSmtpSink sink) throws Exception {
        steady(server, database, sink, 50, Duration.ofSeconds(WARM_UP_SECONDS), "warm");
    }

    private static String steady(TestServer server, TestDatabase database, TimingSmtpSink sink, int rate) throws Exception {
        return steady(server, database, sink, rate, STAGE, "r" + rate);
    }

    /**
     * Offers forgot-password requests at a fixed rate, each for an account of its own, and waits for every link.
     * The form is fetched beforehand; the time runs from sending the form to the mail's arrival.
     */
    private static String steady(TestServer server, TestDatabase database, TimingSmtpSink sink, int rate, Duration length, String tag)
            throws Exception {
        int count = (int) (rate * length.toSeconds());
        String[] emails = new String[count];
        for (int i = 0; i < count; i++) {
            emails[i] = tag + "-" + i + "@bench.test";
        }
        createAccounts(database, emails);
        // Each request's form is fetched and its post made ready beforehand: during the run the client only sends.
        WebClient[] clients = new WebClient[count];
        WebClient.PreparedPost[] posts = new WebClient.PreparedPost[count];
        for (int i = 0; i < count; i++) {
            clients[i] = new WebClient(server);
            posts[i] = clients[i].prepare(clients[i].get("/forgot-password"), "forgot", Map.of("email", emails[i]));
        }
        long[] cpuBefore = cpu.now();
        long[] sent = new long[count];
        long[] answeredAt = new long[count];
        AtomicInteger answered = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        ExecutorService senders = Executors.newFixedThreadPool(64);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            senders.execute(() -> {
                try {
                    sent[i] = System.nanoTime();
                    WebClient.Page page = clients[i].post(posts[i].uri(), posts[i].body());
                    answeredAt[i] = System.nanoTime();
                    if (page.status() == 200 && page.body().contains("is on its way")) {
                        answered.incrementAndGet();
                    }
                } finally {
                    done.countDown();
                }
            });
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        done.await(5, TimeUnit.MINUTES);
        clock.shutdownNow();
        senders.shutdown();
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Arrays.stream(emails).allMatch(e -> sink.arrival(e) != null));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported as missing below
        }
        long[] cpuAfter = cpu.now();
        List<Long> answerMillis = new ArrayList<>();
        List<Long> inboxMillis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answerMillis.add((answeredAt[i] - sent[i]) / 1_000_000);
            Long arrival = sink.arrival(emails[i]);
            if (arrival != null) {
                inboxMillis.add((arrival - sent[i]) / 1_000_000);
            }
        }
        answerMillis.sort(null);
        inboxMillis.sort(null);
        return String.format("| %d requests/s for %d s | %d | %d | %d | %d | %d | %d | %d | %d | %s |", rate, length.toSeconds(), count,
                answered.get(), inboxMillis.size(), percentile(answerMillis, 50), percentile(answerMillis, 99),
                percentile(inboxMillis, 50), percentile(inboxMillis, 99), inboxMillis.isEmpty() ? -1 : inboxMillis.get(inboxMillis.size() - 1),
                cpuPerItem(cpuBefore, cpuAfter, count));
    }

    static void createAccounts(TestDatabase database, String[] emails) throws Exception {
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO resetflow_app_user (email, canonical_email, display_name, password_hash, password_changed_at, created_at)"
                        + " VALUES (?, ?, 'Bench', 'not-a-usable-hash', UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))")) {
            c.setAutoCommit(false);
            for (String email : emails) {
                insert.setString(1, email);
                insert.setString(2, email);
                insert.addBatch();
            }
            insert.executeBatch();
            c.commit();
        }
    }

    private static String cpuPerItem(long[] before, long[] after, int items) {
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < before.length; i++) {
            cell.append(i == 0 ? "" : " / ").append(before[i] < 0 ? "?" : String.format("%.1f", (after[i] - before[i]) / (double) items));
        }
        return cell.toString();
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
