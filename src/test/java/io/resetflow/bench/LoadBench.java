package io.resetflow.bench;

import io.resetflow.testing.Mailbox;
import io.resetflow.testing.WebClient;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load on the forgot-password page of a running server: page view + post pairs at concurrency 1, 4 and 16 for a
 * known and an unknown address, then a flood of page views. For each row: pairs per second, pair time p50/p99,
 * the server's CPU time per pair and its resident memory, read from /proc; one more row at concurrency 4 with a new
 * connection for every request (a client without keep-alive). After the flood, the server's heap after a full
 * collection (jcmd), against the same figure before it. Prints one table.
 *
 * <p>Every pair is a new person: a new session and its own client network (X-Forwarded-For, so the server must
 * trust 127.0.0.1: APP_TRUSTED_PROXIES=127.0.0.1), so per-client limits do not shape the result. The known account
 * is registered the way a person does it, through the mail the run command keeps in target/run-PORT/mail (MAIL_DIR
 * overrides); after its first requests it is throttled exactly as the unknown address is.
 *
 * <p>Run by {@code bench/load.sh [base-url] [seconds per row] [flood page views]}, after untimed pairs until the
 * server's JIT compiler has settled (WARMUP_SECONDS at least, WARMUP_MAX_SECONDS at most); each row also says how
 * much of the server's CPU time its JIT compiler took. SERVER_PID names the server's process when it is not the one
 * listening on the port.
 */
public final class LoadBench {

    private static final int[] CONCURRENCY = {1, 4, 16};
    private static final String PASSWORD = "load bench passphrase amber kettle";
    private static final AtomicInteger NETWORKS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:8080/";
        URI base = URI.create(url.endsWith("/") ? url : url + "/");
        Duration row = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 15);
        int flood = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        ProcessHandle server = serverProcess(base.getPort());
        Path mailDir = Path.of(Optional.ofNullable(System.getenv("MAIL_DIR")).orElse("target/run-" + base.getPort() + "/mail"));

        String known = "load-" + System.nanoTime() + "@example.org";
        register(base, known, mailDir);
        String unknown = "nobody-" + System.nanoTime() + "@example.org";

        // Untimed until the server's JIT compiler has settled: on two busy cores a fresh server compiles for many
        // minutes under this load, and that time would be counted against the rows. At least WARMUP_SECONDS
        // (default 60), at most WARMUP_MAX_SECONDS (default 1200), in rounds of 15 s at concurrency 4 until the
        // compiler takes under 5% of the server's CPU time in a round.
        long minWarmup = Long.parseLong(Optional.ofNullable(System.getenv("WARMUP_SECONDS")).orElse("60"));
        long maxWarmup = Long.parseLong(Optional.ofNullable(System.getenv("WARMUP_MAX_SECONDS")).orElse("1200"));
        try (ThreadTime compiler = ThreadTime.compilerOf(server)) {
            long warmStarted = System.nanoTime();
            Pairs round;
            do {
                round = pairs(base, server, compiler, "warm", known, 4, false, Duration.ofSeconds(15));
            } while (elapsedSeconds(warmStarted) < minWarmup
                    || (round.compilerShare() >= 0.05 && elapsedSeconds(warmStarted) < maxWarmup));
            long warmup = elapsedSeconds(warmStarted);

            List<String> rows = new ArrayList<>();
            for (int users : CONCURRENCY) {
                rows.add(pairs(base, server, compiler, "known address", known, users, false, row).row());
                rows.add(pairs(base, server, compiler, "unknown address", unknown, users, false, row).row());
            }
            // What a client without keep-alive costs: a new connection for each request.
            rows.add(pairs(base, server, compiler, "unknown address, a new connection per request", unknown, 4, true, row).row());
            long heapBefore = heapAfterFullGc(server);
            rows.add(floodRow(base, server, compiler, flood, heapBefore));

            System.out.println();
            System.out.printf("Forgot-password load, server PID %d, %d cores, %d s per row after %d s of warm-up"
                            + " (its last round: JIT compiler %.0f%% of the server's CPU)%n", server.pid(),
                    Runtime.getRuntime().availableProcessors(), row.toSeconds(), warmup, 100 * round.compilerShare());
            System.out.println("| load | concurrency | pairs | pairs/s | pair p50 ms | pair p99 ms | server CPU-ms per pair"
                    + " | of which JIT compiler | server RSS MiB |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            rows.forEach(System.out::println);
        }
    }

    private static long elapsedSeconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000_000L;
    }

    /** What one run of pairs measured. */
    record Pairs(String label, int users, List<Long> sortedNanos, double seconds, long cpuMillis, long compilerMillis,
                         long rssMib) {

        double compilerShare() {
            return cpuMillis == 0 ? 0 : compilerMillis / (double) cpuMillis;
        }

        String row() {
            int count = sortedNanos.size();
            return String.format("| %s | %d | %d | %.0f | %.1f | %.1f | %.2f | %.2f | %d |", label, users, count,
                    count / seconds, percentile(sortedNanos, 50) / 1e6, percentile(sortedNanos, 99) / 1e6,
                    cpuMillis / (double) count, compilerMillis / (double) count, rssMib);
        }
    }

    /**
     * Page view + post pairs for this address by this many people at once, for this long; each person's client keeps
     * its connection open between requests, as a browser does, unless it is to close it after each answer.
     */
    static Pairs pairs(URI base, ProcessHandle server, ThreadTime compiler, String label, String email, int users,
                               boolean newConnections, Duration length) throws InterruptedException {
        long cpuBefore = cpuMillis(server);
        long compilerBefore = compiler.millis();
        Timed timed = timePairs(base, label, users, newConnections, n -> email, length);
        long cpu = cpuMillis(server) - cpuBefore;
        long compiling = compiler.millis() - compilerBefore;
        return new Pairs(label, users, timed.sortedNanos(), timed.seconds(), cpu, compiling, rssMib(server));
    }

    /** The answer times of a run of pairs, sorted, and how long the run took. */
    record Timed(List<Long> sortedNanos, double seconds) {
    }

    /**
     * Page view + post pairs by this many people at once for this long, each pair by a new client network for the
     * address {@code email} gives for the pair's number; each person's client keeps its connection open between
     * requests, as a browser does, unless it is to close it after each answer.
     *
     * @throws IllegalStateException if a pair did not get the answer page
     */
    static Timed timePairs(URI base, String label, int users, boolean newConnections, IntFunction<String> email, Duration length)
            throws InterruptedException {
        List<Long> times = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        AtomicInteger pairs = new AtomicInteger();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        ExecutorService people = Executors.newFixedThreadPool(users);
        for (int i = 0; i < users; i++) {
            people.execute(() -> {
                while (System.nanoTime() < end) {
                    long t = System.nanoTime();
                    WebClient person = new WebClient(base, nextNetwork());
                    if (newConnections) {
                        person.closingConnections();
                    }
                    WebClient.Page answer = person.submit(person.get("/forgot-password"), "forgot",
                            Map.of("email", email.apply(pairs.getAndIncrement())));
                    if (answer.status() == 200 && answer.body().contains("is on its way")) {
                        times.add(System.nanoTime() - t);
                    } else {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        people.shutdown();
        people.awaitTermination(length.toSeconds() + 60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " pairs of '" + label + "' did not get the answer page");
        }
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return new Timed(sorted, seconds);
    }

    /** Page views only, each by a new person, 16 at once; the heap after a full collection before and after. */
    private static String floodRow(URI base, ProcessHandle server, ThreadTime compiler, int views, long heapBefore)
            throws Exception {
        AtomicInteger left = new AtomicInteger(views);
        long cpuBefore = cpuMillis(server);
        long compilerBefore = compiler.millis();
        long started = System.nanoTime();
        ExecutorService people = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 16; i++) {
            people.execute(() -> {
                while (left.getAndDecrement() > 0) {
                    new WebClient(base, nextNetwork()).get("/forgot-password");
                }
            });
        }
        people.shutdown();
        people.awaitTermination(1, TimeUnit.HOURS);
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpu = cpuMillis(server) - cpuBefore;
        long compiling = compiler.millis() - compilerBefore;
        long rss = rssMib(server);
        long heapAfter = heapAfterFullGc(server);
        return String.format("| flood of %d page views; heap after full GC %d → %d MiB | 16 | %d | %.0f | - | - | %.2f per view"
                        + " | %.2f per view | %d |",
                views, heapBefore, heapAfter, views, views / seconds, cpu / (double) views, compiling / (double) views, rss);
    }

    static String nextNetwork() {
        int n = NETWORKS.incrementAndGet();
        return "2001:db8:" + Integer.toHexString(0x1000 + (n >>> 16)) + ":" + Integer.toHexString(n & 0xffff) + "::1";
    }

    /** Registers an account through /register, the confirmation mail's link and /finish-registration. */
    private static void register(URI base, String email, Path mailDir) throws Exception {
        WebClient person = new WebClient(base, nextNetwork());
        person.submit(person.get("/register"), "register", Map.of("email", email));
        String link = mailedLink(mailDir, email, "/finish-registration");
        WebClient.Page form = person.get(base.resolve(URI.create(link).getRawPath().substring(1) + "?" + URI.create(link).getRawQuery()).toString());
        WebClient.Page done = person.submit(form, "finish", Map.of("displayName", "Load", "password", PASSWORD, "confirmation", PASSWORD));
        if (!done.body().contains("Your account")) {
            throw new IllegalStateException("Registration of " + email + " did not finish: " + done.text());
        }
    }

    private static String mailedLink(Path mailDir, String email, String path) throws Exception {
        Pattern link = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Session session = Session.getInstance(new Properties());
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(mailDir)) {
                try (Stream<Path> files = Files.list(mailDir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
                        try (InputStream in = Files.newInputStream(file)) {
                            MimeMessage mail = new MimeMessage(session, in);
                            if (mail.getAllRecipients() != null && mail.getAllRecipients()[0].toString().equals(email)) {
                                Matcher m = link.matcher(Mailbox.body(mail));
                                if (m.find()) {
                                    return m.group();
                                }
                            }
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("No mail with " + path + " to " + email + " in " + mailDir + " within 30 s");
    }

    private static ProcessHandle serverProcess(int port) throws IOException {
        String pid = System.getenv("SERVER_PID");
        if (pid != null && !pid.isBlank()) {
            return ProcessHandle.of(Long.parseLong(pid.strip())).orElseThrow(() -> new IllegalStateException("No process " + pid));
        }
        return listeningOn(port);
    }

    /** The process that listens on this port of this machine. */
    static ProcessHandle listeningOn(int port) throws IOException {
        // The process holding the socket that listens on the port: its inode in /proc/net/tcp{,6}, then the fd.
        String hexPort = String.format(":%04X", port);
        List<String> inodes = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                    inodes.add("socket:[" + f[9] + "]");
                }
            }
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
                    if (fds.anyMatch(fd -> {
                        try {
                            return inodes.contains(Files.readSymbolicLink(fd).toString());
                        } catch (IOException gone) {
                            return false;
                        }
                    })) {
                        return ProcessHandle.of(Long.parseLong(process.getFileName().toString())).orElseThrow();
                    }
                } catch (IOException | SecurityException notOurs) {
                    // a process that ended or that this user may not read
                }
            }
        }
        throw new IllegalStateException("Nothing listens on port " + port + "; start the server, or set SERVER_PID");
    }

    static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElseThrow();
    }

    /** Resident memory of a process, from /proc. */
    static long rssMib(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return -1;
    }

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    /** The server's used heap in MiB right after a full collection, asked of it with jcmd. */
    private static long heapAfterFullGc(ProcessHandle server) throws Exception {
        run("jcmd", Long.toString(server.pid()), "GC.run");
        String info = run("jcmd", Long.toString(server.pid()), "GC.heap_info");
        // One line for G1's heap, one per generation for the serial and parallel collectors; not metaspace.
        long usedKib = 0;
        boolean found = false;
        for (String line : info.lines().toList()) {
            Matcher used = USED.matcher(line);
            if (used.find() && !line.contains("Metaspace") && !line.contains("class space")) {
                usedKib += Long.parseLong(used.group(1));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("jcmd GC.heap_info said: " + info);
        }
        return usedKib / 1024;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
