package io.resetflow.testing;

import static org.awaitility.Awaitility.await;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.resetflow.testing.infrastructure.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The MariaDB (or MySQL) the integration tests run against: the one on 127.0.0.1:3306 when it answers,
 * otherwise a MariaDB that {@link EmbeddedMariaDb} starts from Maven Central. The tests' database is
 * dropped and created again for every run.
 */
public final class TestDatabase implements AutoCloseable {

    /** One database per test JVM, so that two runs on one machine never share (or drop) each other's data. */
    private static final String PREFIX = "resetflow_it_";
    static final String NAME = PREFIX + ProcessHandle.current().pid();
    static final String HINT = "MariaDB is not reachable on 127.0.0.1:%d: start it with "
            + "'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd' "
            + "(or run without CI set to let the tests start an embedded MariaDB)";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final String name;
    private final AutoCloseable embedded;

    private TestDatabase(String host, int port, String user, String password, String name, AutoCloseable embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.name = name;
        this.embedded = embedded;
    }

    /** Connects to the local MariaDB, or starts an embedded one where that is allowed, and recreates the database. */
    public static TestDatabase provision(String host, int port, String user, String password) throws Exception {
        TestDatabase db;
        if (answers(host, port, user, password)) {
            db = new TestDatabase(host, port, user, password, NAME, null);
        } else if (System.getenv("CI") == null && EmbeddedMariaDb.isAvailable()) {
            EmbeddedMariaDb embedded = EmbeddedMariaDb.start();
            db = new TestDatabase("127.0.0.1", embedded.port(), EmbeddedMariaDb.USER, EmbeddedMariaDb.PASSWORD, NAME, embedded);
        } else {
            throw new IllegalStateException(HINT.formatted(port));
        }
        try (Connection c = db.connectToServer(); Statement s = c.createStatement()) {
            dropLeftovers(s);
        }
        db.recreate();
        return db;
    }

    /** A database some test's own server holds, by name; it is dropped when closed. */
    public static TestDatabase on(String host, int port, String user, String password, String name) throws SQLException {
        TestDatabase db = new TestDatabase(host, port, user, password, name, null);
        db.recreate();
        return db;
    }

    /**
     * Another, empty database on the same server, for nodes that must not share this one's outbox (a test's
     * own pair of nodes, say); dropped when it is closed.
     */
    public TestDatabase sibling(String suffix) throws SQLException {
        TestDatabase sibling = new TestDatabase(host, port, user, password, NAME + "_" + suffix, null);
        sibling.recreate();
        return sibling;
    }

    private void recreate() throws SQLException {
        try (Connection c = connectToServer(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    /** Drops the databases of earlier runs whose JVM is gone (a run that was killed could not drop its own). */
    private static void dropLeftovers(Statement s) throws SQLException {
        List<String> leftovers = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SHOW DATABASES LIKE '" + PREFIX.replace("_", "\\_") + "%'")) {
            while (r.next()) {
                leftovers.add(r.getString(1));
            }
        }
        for (String name : leftovers) {
            String pid = name.substring(PREFIX.length()).replaceFirst("_.*", "");
            boolean ours = !pid.isEmpty() && pid.length() < 19 && pid.chars().allMatch(Character::isDigit);
            if (ours && !ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)) {
                s.execute("DROP DATABASE IF EXISTS `" + name + "`");
            }
        }
    }

    private static boolean answers(String host, int port, String user, String password) {
        try (Connection ignored = DriverManager.getConnection(url(host, port, ""), user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static String url(String host, int port, String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?connectTimeout=3000&sslMode=DISABLED";
    }

    private Connection connectToServer() throws SQLException {
        return DriverManager.getConnection(url(host, port, ""), user, password);
    }

    /** A plain JDBC connection to the tests' database, outside the application. */
    /** This database as a data source, for code that takes one (the product's migrations). */
    public DataSource dataSource() {
        MysqlDataSource dataSource = new MysqlDataSource();
        dataSource.setUrl(url(host, port, name));
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(host, port, name), user, password);
    }

    /**
     * Waits until every row of this database's outbox has come to its end: every request answered so far (each was
     * committed before its page answered) and every notice and event sent, dropped or given up.
     */
    public void awaitOutboxFinished() {
        await("the outbox to finish").atMost(Duration.ofSeconds(90)).until(() ->
                queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE finished_at IS NULL") == 0);
    }

    /** The first column of the first row of a query with these parameters. */
    public long queryLong(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, parameters); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The first column of the first row, as text (null when that row has none there). */
    public String queryString(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, parameters); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("No row for " + sql);
            }
            return r.getString(1);
        }
    }

    /** A database account of its own, as an administrator makes one for an application server. */
    public record Account(String user, String password) {
    }

    /**
     * Makes an account named by this prefix and this JVM, with a random password and every right on this database
     * only (made anew if an earlier run left it). {@link #drop(Account)} removes it.
     */
    public Account createAccount(String prefix) throws SQLException {
        byte[] secret = new byte[16];
        new java.security.SecureRandom().nextBytes(secret);
        Account account = new Account(prefix + "_" + ProcessHandle.current().pid(), java.util.HexFormat.of().formatHex(secret));
        drop(account);
        update("CREATE USER '" + account.user() + "'@'127.0.0.1' IDENTIFIED BY '" + account.password() + "'");
        update("GRANT ALL ON " + name + ".* TO '" + account.user() + "'@'127.0.0.1'");
        return account;
    }

    public void drop(Account account) throws SQLException {
        update("DROP USER IF EXISTS '" + account.user() + "'@'127.0.0.1'");
    }

    /** Runs an insert, update or delete with these parameters; returns the rows it touched. */
    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
        return s;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() throws Exception {
        try (Connection c = connectToServer(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
