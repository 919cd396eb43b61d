package io.resetflow.testing.infrastructure;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One Payara Micro process running the product's WAR, started through {@code server-config/payara-micro.sh}
 * exactly as an operator starts it. Ready means an application page answered 200, not the "ready" log
 * line, which Payara also prints when the deployment failed.
 */
public final class PayaraMicroServer implements AutoCloseable {

    /** Log lines that mean the application did not deploy, whatever else the log says. */
    private static final List<Pattern> DEPLOYMENT_FAILURES = List.of(
            Pattern.compile("Exception while preparing the app"),
            Pattern.compile("Exception while loading the app"),
            Pattern.compile("Boot Command [\\w-]+ failed"),
            // Payara says "ready" even then, with an empty list of deployed applications.
            Pattern.compile("\"Deployed\": \\[\\s*\\]"));

    private final Process process;
    private final Path log;
    private final Path pidFile;
    private final URI baseUri;
    private final URI operatorsUri;

    private PayaraMicroServer(Process process, Path log, Path pidFile, URI baseUri, URI operatorsUri) {
        this.operatorsUri = operatorsUri;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        this.baseUri = baseUri;
    }

    /**
     * Starts the server and waits until it serves the application.
     *
     * @throws IllegalStateException with the reason and the log's tail if it does not come up
     */
    public static PayaraMicroServer start(Launch launch, Duration timeout) throws IOException {
        return start(launch, timeout, home -> home.statusCode() == 200);
    }

    /**
     * Starts the server and waits until its home page's answer is the one expected: a 200 for a server that serves; for
     * one that is up and refuses to, the product's own 503 (Payara answers 503 of its own while the application loads).
     */
    public static PayaraMicroServer start(Launch launch, Duration timeout, Predicate<HttpResponse<String>> homePage) throws IOException {
        Files.createDirectories(launch.workDir().resolve("tmp"));
        Path log = launch.workDir().resolve("server.log");
        Path pidFile = launch.workDir().resolve("payara.pid");
        stopLeftover(pidFile, launch.war());

        ProcessBuilder builder = startScript(launch);
        if (launch.outputToConsole()) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        Process process = builder.start();
        // The script execs java, so this is the JVM's own PID: the one to stop, and nothing else.
        Files.writeString(pidFile, Long.toString(process.pid()));
        // A test JVM ended by a signal or a time-out still takes its server with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "payara-micro-stop-" + process.pid()));
        PayaraMicroServer server = new PayaraMicroServer(process, log, pidFile,
                launch.baseUri(),
                URI.create("http://127.0.0.1:" + launch.environment().getOrDefault("OPS_PORT", "9090") + "/"));
        try {
            server.awaitReady(timeout, !launch.outputToConsole(), homePage);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The start script with this launch's settings, run in its work folder. */
    private static ProcessBuilder startScript(Launch launch) {
        Map<String, String> env = new LinkedHashMap<>(launch.environment());
        env.put("PAYARA_MICRO_JAR", launch.serverDir().resolve("payara-micro.jar").toString());
        env.put("JDBC_DRIVER_JAR", launch.serverDir().resolve("mysql-connector-j.jar").toString());
        env.put("APP_WAR", launch.war().toString());
        env.put("HTTP_PORT", Integer.toString(launch.httpPort()));
        env.put("TMPDIR", launch.workDir().resolve("tmp").toString());
        env.put("JAVA_OPTS", (launch.jvmOptions() + " -Djava.io.tmpdir=" + launch.workDir().resolve("tmp")).strip());
        ProcessBuilder builder = new ProcessBuilder("sh", Launch.projectDir().resolve("server-config/payara-micro.sh").toString())
                .directory(launch.workDir().toFile());
        builder.environment().putAll(env);
        return builder;
    }

    /** The server's process ended before it served. */
    public static final class Exited extends IllegalStateException {

        private final int status;

        Exited(int status, String tail) {
            super("Payara Micro exited with " + status + tail);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** How a start that was to fail ended: the process's exit status and its output, line by line. */
    public record Ended(int exitStatus, List<String> output) {
    }

    /**
     * Starts the product through the start script as {@link #start} does, expecting it to refuse: waits for the
     * process to end by itself.
     *
     * @throws IllegalStateException if it still runs after {@code timeout} (it is stopped then)
     */
    public static Ended startExpectingExit(Launch launch, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(launch.workDir().resolve("tmp"));
        Path log = launch.workDir().resolve("server.log");
        Process process = startScript(launch).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            Processes.stop(process.toHandle(), Duration.ofSeconds(30));
            throw new IllegalStateException("Payara Micro still ran after " + timeout);
        }
        return new Ended(process.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    private void awaitReady(Duration timeout, boolean readLog, Predicate<HttpResponse<String>> homePage) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> isReady(client, readLog, homePage));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Payara Micro did not serve " + baseUri + " within " + timeout + tail());
        }
    }

    /** Whether the application answers; throws as soon as the process or its log says it never will. */
    private boolean isReady(HttpClient client, boolean readLog, Predicate<HttpResponse<String>> homePage)
            throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new Exited(process.exitValue(), tail());
        }
        if (readLog) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            Optional<Pattern> failure = DEPLOYMENT_FAILURES.stream().filter(p -> p.matcher(text).find()).findFirst();
            if (failure.isPresent()) {
                throw new IllegalStateException("The WAR did not deploy (log matches '" + failure.get() + "')" + tail());
            }
        }
        try {
            return homePage.test(client.send(HttpRequest.newBuilder(baseUri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException notYetListening) {
            return false;
        }
    }

    /** A server that an earlier, killed run left behind is stopped by the PID that run recorded. */
    private static void stopLeftover(Path pidFile, Path war) throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid)
                .filter(p -> p.info().commandLine().map(c -> c.contains("payara-micro") && c.contains(war.toString())).orElse(false))
                .ifPresent(leftover -> Processes.stop(leftover, Duration.ofSeconds(30)));
        Files.delete(pidFile);
    }

    private String tail() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n--- last lines of " + log + " ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The operators' listener: health details and metrics. */
    public URI operatorsUri() {
        return operatorsUri;
    }

    public Path log() {
        return log;
    }

    /** The server's JVM, for reading its CPU time and memory. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The directory the server works in: its log, its temporary and runtime files. */
    public Path workDir() {
        return log.getParent();
    }

    /** Ends the server as a power cut would: SIGKILL, no shutdown hook, no chance to finish anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits until the process ends (the run command's foreground). */
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Stops the server: a clean shutdown first, then force after 30 seconds. */
    @Override
    public void close() {
        Processes.stop(process, Duration.ofSeconds(30));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
