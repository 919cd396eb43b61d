package io.resetflow.bench;

import static org.awaitility.Awaitility.await;

import io.resetflow.passwordformat.Argon2idPasswordHash;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.Balancer;
import io.resetflow.testing.infrastructure.Cluster;
import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * One, two and three nodes on this machine behind HAProxy ({@code server-config/haproxy.cfg}, round robin), with the
 * start script's production JVM settings, from a fixed number of clients for a fixed time:
 * <ul>
 * <li>forgot-password flows (page view + post, each for an account of its own): flows per second, flow time, the time
 * from the post to the link in the inbox, and the nodes' CPU time per flow. Two and three nodes run twice: as one
 * cluster, and as the same number of nodes that share nothing. The difference is what the data grid costs, measured
 * with the same number of JVMs on the same cores (on two cores, more JVMs cost by themselves: their compilers and
 * background work, and contention);</li>
 * <li>sign-in flows (sign-in page, post, account page: 3 requests with a session), which only a cluster serves
 * behind a balancer without stickiness: every request after the post finds its session on the other node.</li>
 * </ul>
 * Run by {@code bench/cluster.sh}; prints one table.
 */
public final class ClusterBench {

    private static final int CLIENTS = Integer.getInteger("clients", 8);
    private static final Duration ROW = Duration.ofSeconds(Integer.getInteger("seconds", 20));
    /**
     * Untimed forgot-password flows per node before the timed ones: each node's compiler needs its own share of
     * requests, and a node still compiling costs more per flow than the grid does (seen by hand: a pair of nodes'
     * CPU-ms per flow fell from 35 to 20 over three runs of 1,200 flows). Sign-in flows, on nodes already warm, get a
     * third of it.
     */
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("warmup", 60));
    private static final String PASSWORD = "cluster bench passphrase copper lantern";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private enum Flow {
        FORGOT("forgot password", 2), SIGN_IN("sign-in", 3);

        final String label;
        final int requests;

        Flow(String label, int requests) {
            this.label = label;
            this.requests = requests;
        }
    }

    private record Row(int nodes, boolean clustered, Flow flow, int flows, int failed, double seconds, List<Long> flowMillis,
                       List<Long> inboxMillis, int missing, double cpuMillisPerFlow, long rssMiB) {
    }

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (TestDatabase database = TestDatabase.provision("127.0.0.1", 3306, "root", "");
             TimingSmtpSink sink = new TimingSmtpSink()) {
            String member = "cluster-member@bench.test";
            rows.addAll(run(1, false, database, sink, member));
            for (int nodes = 2; nodes <= 3; nodes++) {
                rows.addAll(run(nodes, false, database, sink, member));
                rows.addAll(run(nodes, true, database, sink, member));
            }
        }
        System.out.println();
        System.out.printf("Through HAProxy, %d clients, %d s per row after %d s of forgot-password flows per node (sign-in: a third),"
                + " %d cores, local MariaDB and SMTP%n", CLIENTS, ROW.toSeconds(), WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.println("| nodes | data grid | flow | flows/s | failed | flow p50 ms | flow p99 ms | link in inbox p50 ms | p99 ms | links missing | node CPU-ms per flow (all nodes) | grid CPU-ms per request | RSS per node MiB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            System.out.printf("| %d | %s | %s | %.1f | %d | %d | %d | %s | %s | %s | %.1f | %s | %d |%n", row.nodes(),
                    row.clustered() ? "one cluster" : row.nodes() == 1 ? "none" : "none (nodes share nothing)", row.flow().label,
                    row.flows() / row.seconds(), row.failed(),
                    DeliveryBench.percentile(row.flowMillis(), 50), DeliveryBench.percentile(row.flowMillis(), 99),
                    row.flow() == Flow.FORGOT ? Long.toString(DeliveryBench.percentile(row.inboxMillis(), 50)) : "-",
                    row.flow() == Flow.FORGOT ? Long.toString(DeliveryBench.percentile(row.inboxMillis(), 99)) : "-",
                    row.flow() == Flow.FORGOT ? Integer.toString(row.missing()) : "-",
                    row.cpuMillisPerFlow(), gridCost(row, rows), row.rssMiB());
        }
        System.out.println("Grid CPU-ms per request: a cluster's CPU-ms per flow less that of the same number of nodes sharing nothing,"
                + " divided by the flow's requests (forgot: 2, sign-in: 3). Sign-in flows have no such control; theirs is against one node.");
    }

    /** What the grid adds per request: against the same node count without a grid (forgot), or one node (sign-in). */
    private static String gridCost(Row row, List<Row> rows) {
        if (!row.clustered()) {
            return "-";
        }
        int controlNodes = row.flow() == Flow.FORGOT ? row.nodes() : 1;
        return rows.stream()
                .filter(r -> !r.clustered() && r.nodes() == controlNodes && r.flow() == row.flow())
                .findFirst()
                .map(control -> String.format("%+.2f%s", (row.cpuMillisPerFlow() - control.cpuMillisPerFlow()) / row.flow().requests,
                        row.flow() == Flow.SIGN_IN ? " (vs 1 node)" : ""))
                .orElse("-");
    }

    private static List<Row> run(int count, boolean clustered, TestDatabase database, TimingSmtpSink sink, String member) throws Exception {
        int balancerPort = Ports.free();
        List<Launch> launches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> env = Map.of(
                    "APP_BASE_URL", Balancer.baseUrl(balancerPort),
                    // Every flow comes from this machine through the balancer: only the per-address limit stays.
                    "THROTTLE_RESET_REQUEST_PER_CLIENT", "0",
                    "MAIL_OUTBOX_POLL_SECONDS", "1");
            // The start script's own memory and JVM settings, not the tests' quick-boot ones.
            String name = "bench-cluster-" + count + (clustered ? "-clustered-" : "-alone-") + (i + 1);
            launches.add(TestServer.nodeLaunch(name, database, sink.port(), env).withJvmOptions(""));
        }
        List<PayaraMicroServer> nodes = clustered ? Cluster.of("resetflow-bench", count).start(launches) : Cluster.startTogether(launches);
        try {
            // The first nodes made the schema; the account stays for the runs after.
            createAccount(database, member);
            Path work = nodes.get(0).workDir().resolveSibling("bench-balancer-" + count + (clustered ? "-clustered" : "-alone"));
            try (Balancer balancer = Balancer.start(balancerPort, work, nodes.stream().map(PayaraMicroServer::baseUri).toList())) {
                Deployment product = Deployment.at(balancer.baseUri(), null);
                List<Row> rows = new ArrayList<>();
                // Nodes that share nothing cannot serve a session that moves between them.
                List<Flow> flows = clustered || count == 1 ? List.of(Flow.FORGOT, Flow.SIGN_IN) : List.of(Flow.FORGOT);
                for (Flow flow : flows) {
                    Duration warmUp = WARM_UP.multipliedBy(count).dividedBy(flow == Flow.FORGOT ? 1 : 3);
                    flows(flow, product, database, sink, nodes, clustered, member, warmUp);
                    rows.add(flows(flow, product, database, sink, nodes, clustered, member, ROW));
                }
                return rows;
            }
        } finally {
            nodes.forEach(PayaraMicroServer::close);
        }
    }

    /** CLIENTS clients each run flows of this kind one after another for this long. */
    private static Row flows(Flow flow, Deployment product, TestDatabase database, TimingSmtpSink sink, List<PayaraMicroServer> nodes,
                             boolean clustered, String member, Duration length) throws Exception {
        String[] emails = new String[CLIENTS * 4000];
        if (flow == Flow.FORGOT) {
            for (int i = 0; i < emails.length; i++) {
                emails[i] = "cluster-" + ACCOUNTS.incrementAndGet() + "@bench.test";
            }
            DeliveryBench.createAccounts(database, emails);
        } else {
            Arrays.fill(emails, member);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] posted = new long[emails.length];
        long[] flowNanos = new long[emails.length];
        long cpuBefore = cpuMillis(nodes);
        long start = System.nanoTime();
        long end = start + length.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                int i;
                while (System.nanoTime() < end && (i = next.getAndIncrement()) < emails.length) {
                    long began = System.nanoTime();
                    try {
                        if (flow == Flow.FORGOT ? forgot(product, emails[i], posted, i) : signIn(product, emails[i])) {
                            flowNanos[i] = System.nanoTime() - began;
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        int[] done = IntStream.range(0, emails.length).filter(i -> flowNanos[i] > 0).toArray();
        if (flow == Flow.FORGOT) {
            try {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                        .until(() -> Arrays.stream(done).allMatch(i -> sink.arrival(emails[i]) != null));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                // counted as missing below
            }
        }
        double cpuPerFlow = (cpuMillis(nodes) - cpuBefore) / (double) done.length;
        List<Long> flowMillis = new ArrayList<>();
        List<Long> inboxMillis = new ArrayList<>();
        int missing = 0;
        for (int i : done) {
            flowMillis.add(flowNanos[i] / 1_000_000);
            Long arrival = flow == Flow.FORGOT ? sink.arrival(emails[i]) : null;
            if (arrival != null) {
                inboxMillis.add((arrival - posted[i]) / 1_000_000);
            } else if (flow == Flow.FORGOT) {
                missing++;
            }
        }
        flowMillis.sort(null);
        inboxMillis.sort(null);
        long rss = nodes.stream().mapToLong(n -> LoadBench.rssMib(n.process())).max().orElse(-1);
        return new Row(nodes.size(), clustered, flow, done.length, failed.get(), seconds, flowMillis, inboxMillis, missing, cpuPerFlow, rss);
    }

    /** Page view and post of the forgot-password form; notes when the post left. */
    private static boolean forgot(Deployment product, String email, long[] posted, int i) {
        WebClient web = new WebClient(product);
        WebClient.PreparedPost post = web.prepare(web.get("/forgot-password"), "forgot", Map.of("email", email));
        posted[i] = System.nanoTime();
        WebClient.Page answer = web.post(post.uri(), post.body());
        return answer.status() == 200 && answer.body().contains("is on its way");
    }

    /** Sign-in page, post, and the account page the post redirects to. */
    private static boolean signIn(Deployment product, String email) {
        WebClient web = new WebClient(product);
        WebClient.Page account = web.submit(web.get("/sign-in"), "sign-in", Map.of("email", email, "password", PASSWORD));
        return account.status() == 200 && account.uri().getPath().equals("/account");
    }

    /** The account every sign-in flow signs in to (once), its password hashed as the nodes hash (the tests' low cost). */
    private static void createAccount(TestDatabase database, String email) throws Exception {
        Argon2idPasswordHash hash = new Argon2idPasswordHash();
        hash.initialize(Map.of("Argon2id.MemoryKiB", "1024", "Argon2id.Iterations", "1"));
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT IGNORE INTO resetflow_app_user (email, canonical_email, display_name, password_hash, password_changed_at, created_at)"
                        + " VALUES (?, ?, 'Bench', ?, UTC_TIMESTAMP(6), UTC_TIMESTAMP(6))")) {
            insert.setString(1, email);
            insert.setString(2, email);
            insert.setString(3, hash.generate(PASSWORD.toCharArray()));
            insert.executeUpdate();
        }
    }

    private static long cpuMillis(List<PayaraMicroServer> nodes) {
        return nodes.stream().mapToLong(n -> LoadBench.cpuMillis(n.process())).sum();
    }
}
