package io.resetflow.testing.infrastructure;

import static org.awaitility.Awaitility.await;

import io.resetflow.testing.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Nodes of one data grid on this machine, as an operator sets them up: a cluster name of their own (no test's nodes
 * ever join another's), a grid port per node and every node's address in {@code CLUSTER_MEMBERS}.
 */
public final class Cluster {

    private static final Duration GRID_FORMS = Duration.ofSeconds(90);

    private final String name;
    private final List<Integer> gridPorts;

    private Cluster(String name, List<Integer> gridPorts) {
        this.name = name;
        this.gridPorts = List.copyOf(gridPorts);
    }

    /** A cluster of this many nodes, named after the caller and unique to this run. */
    public static Cluster of(String namePrefix, int size) {
        return new Cluster(namePrefix + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime(),
                IntStream.range(0, size).mapToObj(i -> Ports.free()).toList());
    }

    public String name() {
        return name;
    }

    public int gridPort(int node) {
        return gridPorts.get(node);
    }

    /** What node {@code node} (from 0) adds to its environment to be this cluster's member. */
    public Map<String, String> settings(int node) {
        String members = gridPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
        return Map.of("CLUSTER_NAME", name, "CLUSTER_MEMBERS", members, "HZ_PORT", Integer.toString(gridPort(node)));
    }

    /** Starts these launches, this cluster's settings added in order, and returns once every node counts them all. */
    public List<PayaraMicroServer> start(List<Launch> launches) throws Exception {
        List<Launch> members = IntStream.range(0, launches.size()).mapToObj(i -> launches.get(i).withEnvironment(settings(i))).toList();
        List<PayaraMicroServer> nodes = startTogether(members);
        try {
            for (PayaraMicroServer node : nodes) {
                await("a data grid of " + nodes.size()).atMost(GRID_FORMS)
                        .until(() -> Files.readString(node.log()).contains("DG Size: " + nodes.size()));
            }
            return nodes;
        } catch (RuntimeException notFormed) {
            nodes.forEach(PayaraMicroServer::close);
            throw notFormed;
        }
    }

    /**
     * Starts these launches at the same time, each on a thread of its own, and returns the nodes in the same order
     * once all are ready; if one does not start, stops those that did.
     */
    public static List<PayaraMicroServer> startTogether(List<Launch> launches) throws Exception {
        ExecutorService starters = Executors.newFixedThreadPool(launches.size());
        try {
            List<Future<PayaraMicroServer>> starting = new ArrayList<>();
            for (Launch launch : launches) {
                starting.add(starters.submit(() -> PayaraMicroServer.start(launch, TestServer.BOOT_TIMEOUT)));
            }
            List<PayaraMicroServer> nodes = new ArrayList<>();
            Exception failure = null;
            for (Future<PayaraMicroServer> node : starting) {
                try {
                    nodes.add(node.get());
                } catch (ExecutionException e) {
                    failure = failure == null ? new IllegalStateException("A node did not start", e.getCause()) : failure;
                }
            }
            if (failure != null) {
                nodes.forEach(PayaraMicroServer::close);
                throw failure;
            }
            return nodes;
        } finally {
            starters.shutdown();
        }
    }
}
