package io.resetflow.testing;

import static org.awaitility.Awaitility.await;

import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product as the integration tests see it: the real WAR on Payara Micro, configured by the very
 * post-boot files an administrator applies ({@code server-config/}), against MariaDB and a real SMTP server.
 */
public final class TestServer implements Deployment, AutoCloseable {

    public static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    /**
     * The host's Spring {@code Pbkdf2PasswordEncoder} iterations the tests' server is told of: low, as every hash cost
     * of the tests is, since a failed sign-in lasts as long as the costliest check the server has seen.
     */
    public static final int SPRING_PBKDF2_ITERATIONS = 10_000;
    static final String MAIL_FROM = "ResetFlow <no-reply@resetflow.test>";
    /**
     * Hashing keeps its schemes (Argon2id for new hashes, PBKDF2-SHA256 for older ones) and 32-byte salts; a lower
     * cost keeps hundreds of sign-ins fast. The H2 deployment test runs the defaults.
     */
    public static final String TEST_ARGON2ID_PREFIX = "$argon2id$v=19$m=1024,t=1,p=1$";
    /** Above the ten requests per account of the concurrency test, low enough to be reached on purpose. */
    public static final int RESET_REQUESTS_PER_ACCOUNT = 12;
    private static final String THROTTLE_KEY = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

    /**
     * The audit line of a reset or registration request committed to the outbox, and the lines that end one:
     * its mail sent, or the request dropped (superseded, unknown or implausible address) or given up.
     * A throttled request is recorded finished and has neither.
     */
    private static final Pattern REQUEST_STARTED = Pattern.compile("AUDIT (?:password_reset|registration)\\.requested request=");
    private static final Pattern REQUEST_ENDED = Pattern.compile("AUDIT mail\\.(?:sent|dropped|given_up) request=\\d+ kind=(?:password_reset|registration)\\b");

    private final PayaraMicroServer server;
    private final TestDatabase database;
    private final MailSink mail;

    private TestServer(PayaraMicroServer server, TestDatabase database, MailSink mail) {
        this.server = server;
        this.database = database;
        this.mail = mail;
    }

    static TestServer startOnMariaDb() throws Exception {
        TestDatabase database = TestDatabase.provision("127.0.0.1", Integer.getInteger("it.db.port", 3306), "root", "");
        MailSink mail = new MailSink(Ports.free()).start();
        int httpPort = Ports.free();
        Map<String, String> env = environment(database, mail.port(), httpPort);
        env.put("ACCESS_LOG_DIR", accessLogDir().toString());
        try {
            PayaraMicroServer server = PayaraMicroServer.start(Launch.forTests("mariadb", httpPort, env), BOOT_TIMEOUT);
            return new TestServer(server, database, mail);
        } catch (Exception e) {
            mail.close();
            database.close();
            throw e;
        }
    }

    /**
     * Starts one more node on this server's database and mail sink, with extra settings (cluster options,
     * for example). The caller stops it.
     */
    public PayaraMicroServer startNode(String name, Map<String, String> extra) throws Exception {
        return startNode(name, database, mail.port(), extra);
    }

    /**
     * Starts a node configured like the tests' server but on this database and this SMTP port, with extra
     * settings. The caller stops it.
     */
    public static PayaraMicroServer startNode(String name, TestDatabase database, int smtpPort, Map<String, String> extra) throws Exception {
        return PayaraMicroServer.start(nodeLaunch(name, database, smtpPort, extra), BOOT_TIMEOUT);
    }

    /** What {@link #startNode(String, TestDatabase, int, Map)} starts, for a test that starts it more than once. */
    public static Launch nodeLaunch(String name, TestDatabase database, int smtpPort, Map<String, String> extra) {
        int httpPort = Ports.free();
        Map<String, String> env = environment(database, smtpPort, httpPort);
        env.putAll(extra);
        return Launch.forTests(name, httpPort, env);
    }

    /**
     * The settings the tests' server runs with, on this database, SMTP port and public port: what a test gives the
     * product on another server too.
     */
    public static Map<String, String> environment(TestDatabase database, int smtpPort, int httpPort) {
        return new HashMap<>(Map.ofEntries(
                Map.entry("DB_HOST", database.host()),
                Map.entry("DB_PORT", Integer.toString(database.port())),
                Map.entry("DB_NAME", database.name()),
                Map.entry("DB_USER", database.user()),
                Map.entry("DB_PASSWORD", database.password()),
                Map.entry("DB_SSL_MODE", "DISABLED"),
                // The tests' server runs on http against a database without TLS: opted out explicitly.
                Map.entry("APP_ALLOW_HTTP", "true"),
                Map.entry("DB_ALLOW_UNVERIFIED_TLS", "true"),
                Map.entry("SMTP_HOST", "127.0.0.1"),
                Map.entry("SMTP_PORT", Integer.toString(smtpPort)),
                Map.entry("MAIL_FROM", MAIL_FROM),
                Map.entry("APP_BASE_URL", "http://127.0.0.1:" + httpPort),
                Map.entry("OPS_PORT", Integer.toString(Ports.free())),
                Map.entry("PASSWORD_HASH_ARGON2ID_MEMORY_KIB", "1024"),
                Map.entry("PASSWORD_HASH_ARGON2ID_ITERATIONS", "1"),
                Map.entry("PASSWORD_HASH_PBKDF2_ITERATIONS", "10000"),
                Map.entry("PASSWORD_HASH_SPRING_PBKDF2_ITERATIONS", Integer.toString(SPRING_PBKDF2_ITERATIONS)),
                Map.entry("MAIL_OUTBOX_POLL_SECONDS", "1"),
                Map.entry("MAIL_RETRY_INITIAL_DELAY_SECONDS", "1"),
                Map.entry("MAIL_RETRY_MAX_DELAY_SECONDS", "2"),
                Map.entry("MAIL_OUTBOX_LEASE_SECONDS", "10"),
                // Each test client sends its own address through this trusted proxy header.
                Map.entry("APP_TRUSTED_PROXIES", "127.0.0.1"),
                Map.entry("PURGE_INTERVAL_SECONDS", "2"),
                Map.entry("THROTTLE_RESET_REQUEST_PER_ACCOUNT", Integer.toString(RESET_REQUESTS_PER_ACCOUNT)),
                // One secret for every node of this run, so that clustered nodes count together.
                Map.entry("THROTTLE_KEY", THROTTLE_KEY)));
    }

    /** A view of a server some test started itself, for the page helpers; it has no database or mail handle. */
    public static TestServer at(PayaraMicroServer server) {
        return new TestServer(server, null, null);
    }

    /** A view of a server some test started itself with this mail sink (which the test closes). */
    public static TestServer at(PayaraMicroServer server, MailSink mail) {
        return new TestServer(server, null, mail);
    }

    @Override
    public URI baseUri() {
        return server.baseUri();
    }

    /** The operators' listener: health details and metrics. */
    public URI operatorsUri() {
        return server.operatorsUri();
    }

    public URI uri(String path) {
        return server.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    /** The server's JVM. */
    public ProcessHandle process() {
        return server.process();
    }

    public TestDatabase database() {
        return database;
    }

    @Override
    public MailSink mail() {
        return mail;
    }

    public Path log() {
        return server.log();
    }

    /** How many lines of the server log carry this audit event (e.g. "password_reset.token_issued"). */
    public int auditLines(String event) {
        return count(Pattern.compile("AUDIT " + Pattern.quote(event) + "\\b"), readLog());
    }

    /**
     * Waits until every reset and registration request the server has answered so far has come to its end
     * in the audit log: throttled, dropped, or processed.
     */
    public void awaitResetRequestsProcessed() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String log = readLog();
            return count(REQUEST_STARTED, log) == count(REQUEST_ENDED, log);
        });
    }

    /**
     * Waits until every row of the outbox has come to its end: every request answered so far (each was
     * committed before its page answered) and every notice sent or dropped.
     */
    public void awaitOutboxDelivered() {
        database.awaitOutboxFinished();
    }

    /** How many mails of this outbox kind (password_reset, registration, notice) the server has sent. */
    public int sentMails(String kind) {
        return count(Pattern.compile("AUDIT mail\\.sent request=\\d+ kind=" + Pattern.quote(kind) + "\\b"), readLog());
    }

    private String readLog() {
        try {
            return Files.readString(server.log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(Pattern pattern, String text) {
        int count = 0;
        for (Matcher m = pattern.matcher(text); m.find(); ) {
            count++;
        }
        return count;
    }

    /** Where the HTTP access log of the MariaDB-backed server goes. */
    static Path accessLogDir() {
        return Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath().resolve("mariadb").resolve("access");
    }

    /** Every access log file's text. */
    public String accessLog() throws IOException {
        StringBuilder all = new StringBuilder();
        try (var files = Files.list(accessLogDir())) {
            for (Path file : files.sorted().toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            if (mail != null) {
                mail.close();
            }
            if (database != null) {
                database.close();
            }
        }
    }
}
