package io.resetflow.bench;

import static org.awaitility.Awaitility.await;

import io.resetflow.testing.Balancer;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.Launch;
import io.resetflow.testing.PayaraMicroServer;
import io.resetflow.testing.Ports;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One, two and three nodes on this machine behind HAProxy ({@code server-config/haproxy.cfg}, round robin): forgot-
 * password flows (page view + post, each for an account of its own) from a fixed number of clients for a fixed time;
 * flows per second, flow time, the time from the post to the link in the inbox, the nodes' CPU time per flow and
 * what the data grid adds per request against one node that has none. Every node runs with the production JVM
 * settings of the start script; one node runs without a cluster, two and three form one. Run by
 * {@code bench/cluster.sh}; prints one table.
 */
public final class ClusterBench {

    private static final int[] NODES = {1, 2, 3};
    private static final int CLIENTS = Integer.getInteger("clients", 8);
    private static final Duration ROW = Duration.ofSeconds(Integer.getInteger("seconds", 20));
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("warmup", 45));
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();

    private record Row(int nodes, int flows, double seconds, List<Long> flowMillis, List<Long> inboxMillis, int missing,
                       double cpuMillisPerFlow, long rssMiB) {
    }

    public static void main(String[] args) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (TestDatabase database = TestDatabase.provision("127.0.0.1", 3306, "root", "");
             TimingSmtpSink sink = new TimingSmtpSink()) {
            for (int nodes : NODES) {
                rows.add(run(nodes, database, sink));
            }
        }
        double single = rows.get(0).cpuMillisPerFlow();
        System.out.println();
        System.out.printf("Forgot-password flows through HAProxy, %d clients, %d s per row after %d s of warm-up, %d cores, local MariaDB and SMTP%n",
                CLIENTS, ROW.toSeconds(), WARM_UP.toSeconds(), Runtime.getRuntime().availableProcessors());
        System.out.println("| nodes | flows/s | flow p50 ms | flow p99 ms | link in inbox p50 ms | p99 ms | links missing | node CPU-ms per flow (all nodes) | grid CPU-ms per request | RSS per node MiB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            String grid = row.nodes() == 1 ? "- (no grid)" : String.format("%+.2f", (row.cpuMillisPerFlow() - single) / 2);
            System.out.printf("| %d | %.1f | %d | %d | %d | %d | %d | %.1f | %s | %d |%n", row.nodes(), row.flows() / row.seconds(),
                    DeliveryBench.percentile(row.flowMillis(), 50), DeliveryBench.percentile(row.flowMillis(), 99),
                    DeliveryBench.percentile(row.inboxMillis(), 50), DeliveryBench.percentile(row.inboxMillis(), 99), row.missing(),
                    row.cpuMillisPerFlow(), grid, row.rssMiB());
        }
        System.out.println("A flow is a page view and a post (2 requests); grid CPU-ms per request is the difference to one node, halved.");
    }

    private static Row run(int count, TestDatabase database, TimingSmtpSink sink) throws Exception {
        int balancerPort = Ports.free();
        List<Integer> gridPorts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            gridPorts.add(Ports.free());
        }
        String members = gridPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
        String cluster = "resetflow-bench-" + ProcessHandle.current().pid() + "-" + count;
        List<CompletableFuture<PayaraMicroServer>> starting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, String> env = new HashMap<>(Map.of(
                    "APP_BASE_URL", Balancer.address(balancerPort).toString().replaceAll("/$", ""),
                    // Every flow comes from this machine through the balancer: only the per-address limit stays.
                    "THROTTLE_RESET_REQUEST_PER_CLIENT", "0",
                    "MAIL_OUTBOX_POLL_SECONDS", "1"));
            if (count > 1) {
                env.putAll(Map.of("CLUSTER_NAME", cluster, "CLUSTER_MEMBERS", members, "HZ_PORT", Integer.toString(gridPorts.get(i))));
            }
            // The start script's own memory and JVM settings, not the tests' quick-boot ones.
            Launch launch = TestServer.nodeLaunch("bench-cluster-" + count + "-" + (i + 1), database, sink.port(), env).withJvmOptions("");
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT);
                } catch (Exception e) {
                    throw new IllegalStateException("a node did not start", e);
                }
            }));
        }
        List<PayaraMicroServer> nodes = new ArrayList<>();
        try {
            for (CompletableFuture<PayaraMicroServer> node : starting) {
                nodes.add(node.join());
            }
            if (count > 1) {
                await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(nodes.get(count - 1).log()).contains("DG Size: " + count));
            }
            Path work = nodes.get(0).workDir().resolveSibling("bench-balancer-" + count);
            try (Balancer balancer = Balancer.start(balancerPort, work, nodes.stream().map(PayaraMicroServer::baseUri).toList())) {
                Deployment product = Deployment.at(balancer.baseUri(), null);
                flows(product, database, sink, nodes, WARM_UP);
                return flows(product, database, sink, nodes, ROW);
            }
        } finally {
            nodes.forEach(PayaraMicroServer::close);
        }
    }

    /** CLIENTS clients each run flows one after another for this long. */
    private static Row flows(Deployment product, TestDatabase database, TimingSmtpSink sink, List<PayaraMicroServer> nodes, Duration length)
            throws Exception {
        String[] emails = new String[CLIENTS * 4000];
        for (int i = 0; i < emails.length; i++) {
            emails[i] = "cluster-" + ACCOUNTS.incrementAndGet() + "@bench.test";
        }
        DeliveryBench.createAccounts(database, emails);
        AtomicInteger next = new AtomicInteger();
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
                    WebClient web = new WebClient(product);
                    WebClient.PreparedPost post = web.prepare(web.get("/forgot-password"), "forgot", Map.of("email", emails[i]));
                    posted[i] = System.nanoTime();
                    WebClient.Page answer = web.post(post.uri(), post.body());
                    if (answer.status() != 200 || !answer.body().contains("is on its way")) {
                        throw new IllegalStateException("flow " + i + " answered " + answer.status() + ": " + answer.text());
                    }
                    flowNanos[i] = System.nanoTime() - began;
                }
            });
        }
        clients.shutdown();
        clients.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        int flows = (int) Arrays.stream(flowNanos).filter(n -> n > 0).count();
        String[] done = Arrays.copyOf(emails, flows);
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Arrays.stream(done).allMatch(e -> sink.arrival(e) != null));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // counted as missing below
        }
        double cpuPerFlow = (cpuMillis(nodes) - cpuBefore) / (double) flows;
        List<Long> flowMillis = new ArrayList<>();
        List<Long> inboxMillis = new ArrayList<>();
        int missing = 0;
        for (int i = 0; i < flows; i++) {
            flowMillis.add(flowNanos[i] / 1_000_000);
            Long arrival = sink.arrival(done[i]);
            if (arrival == null) {
                missing++;
            } else {
                inboxMillis.add((arrival - posted[i]) / 1_000_000);
            }
        }
        flowMillis.sort(null);
        inboxMillis.sort(null);
        long rss = nodes.stream().mapToLong(ClusterBench::rssMiB).max().orElse(-1);
        return new Row(nodes.size(), flows, seconds, flowMillis, inboxMillis, missing, cpuPerFlow, rss);
    }

    private static long cpuMillis(List<PayaraMicroServer> nodes) {
        return nodes.stream().mapToLong(n -> n.process().info().totalCpuDuration().map(Duration::toMillis).orElseThrow()).sum();
    }

    /** Resident memory of a node's JVM, from /proc. */
    private static long rssMiB(PayaraMicroServer node) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(node.process().pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (java.io.IOException e) {
            return -1;
        }
        return -1;
    }
}
