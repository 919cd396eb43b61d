package io.resetflow.testing;

import io.resetflow.launch.MailSink;
import io.resetflow.launch.PayaraMicroServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The product as the integration tests see it: the real WAR on Payara Micro, configured by the very
 * post-boot files an administrator applies ({@code server-config/}), against MariaDB and a real SMTP server.
 */
public final class TestServer implements AutoCloseable {

    public static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    static final String MAIL_FROM = "ResetFlow <no-reply@resetflow.test>";
    /** Hashing stays PBKDF2-SHA256 with a 32-byte salt; fewer iterations keep hundreds of sign-ins fast. */
    static final String TEST_HASH_ITERATIONS = "10000";
    /** JIT and GC settings that boot Payara two to four times faster on a busy two-core machine. */
    /** Above the ten requests per account of the concurrency test, low enough to be reached on purpose. */
    public static final int RESET_REQUESTS_PER_ACCOUNT = 12;
    public static final String FAST_BOOT = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx768m";

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
        MailSink mail = new MailSink(PayaraMicroServer.freePort()).start();
        int httpPort = PayaraMicroServer.freePort();
        Map<String, String> env = environment(database, mail, httpPort);
        env.put("ACCESS_LOG_DIR", accessLogDir().toString());
        try {
            PayaraMicroServer server = PayaraMicroServer.start(launch("mariadb", httpPort, env), BOOT_TIMEOUT);
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
        int httpPort = PayaraMicroServer.freePort();
        Map<String, String> env = environment(database, mail, httpPort);
        env.putAll(extra);
        return PayaraMicroServer.start(launch(name, httpPort, env), BOOT_TIMEOUT);
    }

    private static Map<String, String> environment(TestDatabase database, MailSink mail, int httpPort) {
        return new java.util.HashMap<>(Map.ofEntries(
                Map.entry("DB_HOST", database.host()),
                Map.entry("DB_PORT", Integer.toString(database.port())),
                Map.entry("DB_NAME", database.name()),
                Map.entry("DB_USER", database.user()),
                Map.entry("DB_PASSWORD", database.password()),
                Map.entry("DB_SSL_MODE", "DISABLED"),
                Map.entry("SMTP_HOST", "127.0.0.1"),
                Map.entry("SMTP_PORT", Integer.toString(mail.port())),
                Map.entry("MAIL_FROM", MAIL_FROM),
                Map.entry("APP_BASE_URL", "http://127.0.0.1:" + httpPort),
                Map.entry("PASSWORD_HASH_ITERATIONS", TEST_HASH_ITERATIONS),
                Map.entry("MAIL_OUTBOX_POLL_SECONDS", "1"),
                Map.entry("MAIL_RETRY_INITIAL_DELAY_SECONDS", "1"),
                Map.entry("MAIL_RETRY_MAX_DELAY_SECONDS", "2"),
                // Each test client sends its own address through this trusted proxy header.
                Map.entry("APP_TRUSTED_PROXIES", "127.0.0.1"),
                Map.entry("PURGE_INTERVAL_SECONDS", "2"),
                Map.entry("THROTTLE_RESET_REQUEST_PER_ACCOUNT", Integer.toString(RESET_REQUESTS_PER_ACCOUNT))));
    }

    /** A view of a server some test started itself, for the page helpers; it has no database or mail handle. */
    public static TestServer at(PayaraMicroServer server) {
        return new TestServer(server, null, null);
    }

    /** A launch of the product from the build output, with its own work directory under target/it. */
    public static PayaraMicroServer.Launch launch(String name, int httpPort, Map<String, String> env) {
        Path workDir = Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath().resolve(name);
        return new PayaraMicroServer.Launch(
                Path.of(System.getProperty("user.dir")),
                Path.of(System.getProperty("it.server.dir", "target/server")).toAbsolutePath(),
                Path.of(System.getProperty("it.war", "target/resetflow.war")).toAbsolutePath(),
                workDir, httpPort, env, false, FAST_BOOT);
    }

    public URI baseUri() {
        return server.baseUri();
    }

    public URI uri(String path) {
        return server.baseUri().resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    public TestDatabase database() {
        return database;
    }

    public MailSink mail() {
        return mail;
    }

    public Path log() {
        return server.log();
    }

    /** Where the HTTP access log of the MariaDB-backed server goes. */
    static Path accessLogDir() {
        return Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath().resolve("mariadb").resolve("access");
    }

    /** Every access log file's text. */
    public String accessLog() throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        try (var files = java.nio.file.Files.list(accessLogDir())) {
            for (Path file : files.sorted().toList()) {
                all.append(java.nio.file.Files.readString(file));
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
