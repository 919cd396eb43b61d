package io.resetflow.testing.infrastructure;

import static org.awaitility.Awaitility.await;

import io.resetflow.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A MariaDB server of a test's own (Debian's {@code mariadbd}, its own data directory, port and socket),
 * which the test stops and starts at will without touching the shared server on 3306. Grant checks are off:
 * it listens on 127.0.0.1 only and lives as long as the test.
 */
public final class OwnMariaDb implements AutoCloseable {

    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL = Path.of("/usr/bin/mariadb-install-db");

    private final Path dir;
    private final int port;
    private Process process;

    private OwnMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static boolean isAvailable() {
        return Files.isExecutable(SERVER) && Files.isExecutable(INSTALL);
    }

    /** Installs a fresh data directory under target/it and starts the server on a free port. */
    public static OwnMariaDb start(String name) throws Exception {
        Path dir = Path.of(System.getProperty("it.work.dir", "target/it")).toAbsolutePath().resolve(name);
        Directories.deleteRecursively(dir);
        Files.createDirectories(dir.resolve("tmp"));
        List<String> install = new ArrayList<>(List.of(INSTALL.toString(), "--no-defaults", "--auth-root-authentication-method=normal",
                "--datadir=" + dir.resolve("data"), "--skip-test-db"));
        if (isRoot()) {
            install.add("--user=root");
        }
        Process installer = new ProcessBuilder(install).redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!installer.waitFor(120, TimeUnit.SECONDS) || installer.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed: " + Files.readString(dir.resolve("install.log")));
        }
        OwnMariaDb db = new OwnMariaDb(dir, Ports.free());
        db.start();
        return db;
    }

    /** Starts the server on its data directory and waits until it takes connections. */
    public void start() throws IOException {
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults",
                "--datadir=" + dir.resolve("data"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mariadb.sock"), "--pid-file=" + dir.resolve("mariadb.pid"),
                "--tmpdir=" + dir.resolve("tmp"), "--skip-grant-tables", "--innodb-buffer-pool-size=32M",
                "--log-error=" + dir.resolve("error.log")));
        if (isRoot()) {
            command.add("--user=root");
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "own-mariadb-stop-" + started.pid()));
        await("own MariaDB on port " + port).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("mariadbd exited: " + Files.readString(dir.resolve("error.log")));
            }
            return answers();
        });
    }

    /** Stops the server cleanly (SIGTERM) and waits until it is gone. */
    public void stop() {
        if (process != null) {
            Processes.stop(process, Duration.ofSeconds(60));
        }
    }

    public int port() {
        return port;
    }

    /** An empty database on this server for a node. */
    public TestDatabase database(String name) throws SQLException {
        return TestDatabase.on("127.0.0.1", port, "root", "", name);
    }

    private boolean answers() {
        try (Connection ignored = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?connectTimeout=1000&sslMode=DISABLED", "root", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        Directories.deleteRecursively(dir);
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
