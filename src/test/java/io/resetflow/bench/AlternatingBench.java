package io.resetflow.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Two running servers side by side, for a change whose effect is smaller than what a shared machine drifts by between
 * runs: forgot-password page view + post pairs at concurrency 4 for an unknown address, in rounds that alternate
 * between server A and server B, so both meet the same machine. Per round and server: pairs/s and the server's CPU
 * time per pair, with its collector's and its JIT compiler's part (from /proc). At the end, per server, the medians
 * of the measured rounds, and the median of the per-round ratio B/A.
 *
 * <p>Run by {@code bench/compare.sh url-a url-b [rounds] [seconds per round]}, after untimed alternating rounds until
 * both compilers have settled (WARMUP_SECONDS at least, WARMUP_MAX_SECONDS at most, as in {@link LoadBench}). Both
 * servers must trust 127.0.0.1 as a proxy (APP_TRUSTED_PROXIES=127.0.0.1), so that each pair counts as its own
 * client, and listen on this machine.
 */
public final class AlternatingBench {

    private static final int USERS = 4;

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: bench/compare.sh url-a url-b [rounds, default 10] [seconds per round, default 15]");
        }
        List<Server> servers = List.of(Server.at("A", args[0]), Server.at("B", args[1]));
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Duration round = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 15);
        long minWarmup = Long.parseLong(Optional.ofNullable(System.getenv("WARMUP_SECONDS")).orElse("60"));
        long maxWarmup = Long.parseLong(Optional.ofNullable(System.getenv("WARMUP_MAX_SECONDS")).orElse("1200"));
        String unknown = "nobody-" + System.nanoTime() + "@example.org";
        try {
            long started = System.nanoTime();
            boolean settled;
            do {
                settled = true;
                for (Server server : servers) {
                    settled &= server.round(unknown, Duration.ofSeconds(15)).compilerShare() < 0.05;
                }
            } while ((System.nanoTime() - started) / 1e9 < minWarmup || (!settled && (System.nanoTime() - started) / 1e9 < maxWarmup));
            long warmup = (System.nanoTime() - started) / 1_000_000_000L;

            List<Double> ratios = new ArrayList<>();
            System.out.println("| round | server | pairs/s | server CPU-ms per pair | of which collector | of which JIT compiler |");
            System.out.println("|---|---|---|---|---|---|");
            for (int r = 1; r <= rounds; r++) {
                // A first in odd rounds, B first in even ones: neither always runs right after the other.
                List<Server> order = r % 2 == 1 ? servers : List.of(servers.get(1), servers.get(0));
                for (Server server : order) {
                    Round measured = server.round(unknown, round);
                    server.rounds.add(measured);
                    System.out.printf("| %d | %s | %.0f | %.2f | %.2f | %.2f |%n", r, server.name, measured.pairsPerSecond(),
                            measured.cpuPerPair(), measured.collectorPerPair(), measured.compilerPerPair());
                }
                ratios.add(servers.get(1).rounds.get(r - 1).cpuPerPair() / servers.get(0).rounds.get(r - 1).cpuPerPair());
            }

            System.out.println();
            System.out.printf("Medians of %d rounds of %d s at concurrency %d, after %d s of alternating warm-up; %d cores%n",
                    rounds, round.toSeconds(), USERS, warmup, Runtime.getRuntime().availableProcessors());
            System.out.println("| server | address | pairs/s | server CPU-ms per pair | of which collector | of which JIT compiler |");
            System.out.println("|---|---|---|---|---|---|");
            for (Server server : servers) {
                System.out.printf("| %s | %s | %.0f | %.2f | %.2f | %.2f |%n", server.name, server.base,
                        median(server.rounds.stream().map(Round::pairsPerSecond).toList()),
                        median(server.rounds.stream().map(Round::cpuPerPair).toList()),
                        median(server.rounds.stream().map(Round::collectorPerPair).toList()),
                        median(server.rounds.stream().map(Round::compilerPerPair).toList()));
            }
            System.out.printf("Server CPU per pair, B/A: median of the per-round ratios %.3f (lowest %.3f, highest %.3f)%n",
                    median(ratios), Collections.min(ratios), Collections.max(ratios));
        } finally {
            servers.forEach(Server::close);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private record Round(double pairsPerSecond, double cpuPerPair, double collectorPerPair, double compilerPerPair) {

        double compilerShare() {
            return cpuPerPair == 0 ? 0 : compilerPerPair / cpuPerPair;
        }
    }

    private static final class Server implements AutoCloseable {

        final String name;
        final URI base;
        final ProcessHandle process;
        final ThreadTime compiler;
        final ThreadTime collector;
        final List<Round> rounds = new ArrayList<>();

        private Server(String name, URI base, ProcessHandle process) {
            this.name = name;
            this.base = base;
            this.process = process;
            this.compiler = ThreadTime.compilerOf(process);
            this.collector = ThreadTime.collectorOf(process);
        }

        static Server at(String name, String url) throws Exception {
            URI base = URI.create(url.endsWith("/") ? url : url + "/");
            return new Server(name, base, LoadBench.listeningOn(base.getPort()));
        }

        Round round(String email, Duration length) throws InterruptedException {
            long collectorBefore = collector.millis();
            LoadBench.Pairs pairs = LoadBench.pairs(base, process, compiler, name, email, USERS, false, length);
            double count = pairs.sortedNanos().size();
            return new Round(count / pairs.seconds(), pairs.cpuMillis() / count,
                    (collector.millis() - collectorBefore) / count, pairs.compilerMillis() / count);
        }

        @Override
        public void close() {
            compiler.close();
            collector.close();
        }
    }
}
