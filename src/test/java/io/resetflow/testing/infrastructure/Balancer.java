package io.resetflow.testing.infrastructure;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HAProxy (Debian's package) in front of nodes, started with the product's own {@code server-config/haproxy.cfg}
 * on loopback: plain HTTP, round robin without stickiness, health checks on {@code /health}. Its status page tells
 * which nodes it counts as up, and its log which node served each request.
 */
public final class Balancer implements AutoCloseable {

    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    /** A log line: {@code ... resetflow resetflow_nodes/node2 ... "GET" "/sign-in"}. */
    private static final Pattern SERVED = Pattern.compile(" resetflow resetflow_nodes/(\\S+) .* \"([A-Z]+)\" \"([^\"]*)\"$", Pattern.MULTILINE);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final URI baseUri;
    private final URI statsUri;

    private Balancer(Process process, Path log, URI baseUri, URI statsUri) {
        this.process = process;
        this.log = log;
        this.baseUri = baseUri;
        this.statsUri = statsUri;
    }

    /** Where a balancer on this port will answer, as the nodes' {@code APP_BASE_URL} before it starts. */
    public static String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Skips the calling test when Debian's HAProxy is not installed, with a hint, like the browser tests without
     * Chromium; under CI (which installs it) a missing HAProxy fails instead.
     */
    public static void requireHaproxy() {
        Prerequisites.require(Files.isExecutable(HAPROXY), "Tests behind a load balancer need Debian's haproxy: apt-get install -y haproxy");
    }

    /** Starts HAProxy on this port in front of these nodes (node1, node2, ... in this order) and waits until all are up. */
    public static Balancer start(int port, Path workDir, List<URI> nodes) throws IOException {
        return start(port, workDir, nodes, shippedConfig());
    }

    /** The balancer's configuration as shipped: server-config/haproxy.cfg. */
    public static Path shippedConfig() {
        return Launch.projectDir().resolve("server-config/haproxy.cfg");
    }

    /** Like {@link #start(int, Path, List)}, with this configuration file instead of the shipped one. */
    public static Balancer start(int port, Path workDir, List<URI> nodes, Path config) throws IOException {
        requireHaproxy();
        Files.createDirectories(workDir);
        Path log = workDir.resolve("haproxy.log");
        int statsPort = Ports.free();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("RESETFLOW_BIND", "127.0.0.1:" + port);
        env.put("RESETFLOW_STATS_BIND", "127.0.0.1:" + statsPort);
        for (int i = 0; i < nodes.size(); i++) {
            env.put("RESETFLOW_NODE" + (i + 1), nodes.get(i).getHost() + ":" + nodes.get(i).getPort());
        }
        ProcessBuilder builder = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "haproxy-stop-" + process.pid()));
        Balancer balancer = new Balancer(process, log, URI.create(baseUrl(port) + "/"), URI.create("http://127.0.0.1:" + statsPort + "/;csv"));
        try {
            balancer.awaitUp(nodes.size());
        } catch (RuntimeException e) {
            balancer.close();
            throw e;
        }
        return balancer;
    }

    public URI baseUri() {
        return baseUri;
    }

    /** Waits until HAProxy's health checks count this many nodes as up. */
    public void awaitUp(int count) {
        await("HAProxy counting " + count + " nodes up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> nodeStates().values().stream().filter("UP"::equals).count() == count);
    }

    /** Each node's state as HAProxy sees it (UP, DOWN, ...), from its status page. */
    public Map<String, String> nodeStates() {
        if (!process.isAlive()) {
            throw new IllegalStateException("HAProxy exited with " + process.exitValue() + ": " + readLog());
        }
        try {
            String csv = HTTP.send(HttpRequest.newBuilder(statsUri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Map<String, String> states = new LinkedHashMap<>();
            for (String line : csv.split("\n")) {
                List<String> fields = Arrays.asList(line.split(",", -1));
                if (fields.size() > 17 && fields.get(0).equals("resetflow_nodes") && fields.get(1).startsWith("node")) {
                    states.put(fields.get(1), fields.get(17).split(" ")[0]);
                }
            }
            return states;
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request as HAProxy logged it: the node that served it, the method and the path (never a query string). */
    public record Served(String node, String method, String path) {
    }

    /** Every request HAProxy has passed on so far, in the order they finished. */
    public List<Served> served() {
        List<Served> served = new ArrayList<>();
        for (Matcher m = SERVED.matcher(readLog()); m.find(); ) {
            served.add(new Served(m.group(1), m.group(2), m.group(3)));
        }
        return served;
    }

    /** The request HAProxy logged last; empty before the first. */
    public Optional<Served> lastServed() {
        List<Served> all = served();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public String readLog() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(10));
    }
}
