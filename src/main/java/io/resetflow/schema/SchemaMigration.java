package io.resetflow.schema;

import io.resetflow.background.ApplicationStart;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings the schema up to date while the application deploys, before anything else touches the
 * database. A failed migration fails the deployment. The same migrations serve MySQL/MariaDB and the
 * embedded H2; the few words that differ come in as placeholders.
 *
 * <p>Every table of the product's carries its prefix ({@link OwnTables}, {@code resetflow_} unless set), the history
 * of its migrations too ({@code <prefix>schema_history}), so they run in a database that already holds a site's
 * tables, and beside the site's own Flyway history: whatever else is in the schema is left alone. What releases
 * before the prefix made is adopted first, only where a history records the product's own first migration: their
 * history table ({@code flyway_schema_history}, then {@code resetflow_schema_history}) is renamed to the prefixed
 * one, their unprefixed tables get the prefix, and the history's checksums are brought in line with the migrations,
 * which name the tables through the {@code ${prefix}} placeholder since.
 */
@ApplicationScoped
public class SchemaMigration {

    /** Where the product's migrations are recorded. */
    public static final String HISTORY_TABLE = OwnTables.SCHEMA_HISTORY;
    /**
     * Where earlier releases recorded them, newest first: the history before a prefix was set, and Flyway's default,
     * which a host site may use too.
     */
    static final List<String> EARLIER_HISTORY_TABLES = List.of("resetflow_schema_history", "flyway_schema_history");
    private static final String FIRST_MIGRATION = "V1__accounts_reset_tokens_outbox.sql";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "java:comp/env/jdbc/resetflow")
    DataSource dataSource;

    private volatile boolean migrated;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ApplicationStart.Started start) {
        OwnTables.check();
        upgrade(dataSource, productName());
        migrated = true;
    }

    /** Adopts what earlier releases made, then migrates. */
    public static void upgrade(DataSource dataSource, String databaseProductName) {
        adoptEarlierHistory(dataSource);
        Flyway flyway = configuration(dataSource, databaseProductName).load();
        if (prefixEarlierTables(dataSource)) {
            flyway.repair();
        }
        flyway.migrate();
    }

    /**
     * The product's migrations over this data source. In a schema that holds other tables and no history of the
     * product's, the history starts at version 0 (Flyway's "baseline"), so every migration runs. The empty
     * {@code db/migration/flyway.location} is there for Open Liberty, whose class loader lists a folder's files only
     * through a file Flyway knows to look for; {@code db/callback/flyway.location} marks Flyway's default folder of
     * callbacks, which the product has none in, so that Flyway finds it there instead of logging an error.
     */
    public static FluentConfiguration configuration(DataSource dataSource, String databaseProductName) {
        return Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .table(HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(placeholdersFor(databaseProductName));
    }

    /**
     * Gives the product's unprefixed tables of a release before the prefix their prefixed names, where the history
     * records the product's first migration and no prefixed table exists yet.
     *
     * @return whether tables were renamed (the history's checksums are then those of the unprefixed migrations)
     */
    static boolean prefixEarlierTables(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!exists(c, HISTORY_TABLE) || !recordsTheFirstMigration(c, HISTORY_TABLE)) {
                return false;
            }
            List<String> earlier = OwnTables.UNPREFIXED.stream().sorted().filter(t -> exists(c, t) && !exists(c, OwnTables.named(t))).toList();
            if (earlier.isEmpty()) {
                return false;
            }
            try (Statement s = c.createStatement()) {
                for (String table : earlier) {
                    // Unquoted, as the migrations name them, so the database stores the new name as it stored the old.
                    s.executeUpdate("ALTER TABLE " + table + " RENAME TO " + OwnTables.named(table));
                }
            }
            LOG.log(Level.INFO, "Tables {0} renamed with the prefix {1}", new Object[] {earlier, OwnTables.PREFIX_VALUE});
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot rename the product's tables behind jdbc/resetflow: " + e.getMessage(), e);
        }
    }

    /**
     * Renames the history table of an earlier release to {@link #HISTORY_TABLE} where it records the product's own
     * first migration and no {@link #HISTORY_TABLE} exists yet; a history table of anybody else stays as it is.
     */
    public static void adoptEarlierHistory(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, HISTORY_TABLE)) {
                return;
            }
            for (String earlier : EARLIER_HISTORY_TABLES) {
                if (exists(c, earlier) && recordsTheFirstMigration(c, earlier)) {
                    if (OwnTables.UNPREFIXED.stream().noneMatch(t -> exists(c, t))) {
                        // Its tables carry a prefix already, another than the one set now.
                        throw new IllegalStateException("DB_TABLE_PREFIX (db.table-prefix) is " + OwnTables.PREFIX_VALUE
                                + ", but the database holds the product's tables and their history " + earlier
                                + " under another prefix: set that prefix, or rename the tables and the history");
                    }
                    String q = c.getMetaData().getIdentifierQuoteString().strip();
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("ALTER TABLE " + q + earlier + q + " RENAME TO " + q + HISTORY_TABLE + q);
                    }
                    LOG.log(Level.INFO, "Schema history moved from {0} to {1}", new Object[] {earlier, HISTORY_TABLE});
                    return;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the schema history behind jdbc/resetflow", e);
        }
    }

    private static boolean recordsTheFirstMigration(Connection c, String history) throws SQLException {
        String q = c.getMetaData().getIdentifierQuoteString().strip();
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + q + history + q + " WHERE " + q + "script" + q + " = ?")) {
            s.setString(1, FIRST_MIGRATION);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getLong(1) > 0;
            }
        }
    }

    /**
     * Whether the table exists, named as it was quoted (the history tables) or as the database stores an unquoted name
     * (the migrations' tables; H2 stores them in upper case).
     */
    private static boolean exists(Connection c, String table) {
        try {
            DatabaseMetaData meta = c.getMetaData();
            String unquoted = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT)
                    : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
            for (String name : new String[] {table, unquoted}) {
                try (ResultSet tables = meta.getTables(c.getCatalog(), c.getSchema(), name, new String[] {"TABLE"})) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
            return false;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the tables behind jdbc/resetflow: " + e.getMessage(), e);
        }
    }

    /** Whether the schema was brought up to date in this deployment (readiness waits for it). */
    public boolean isMigrated() {
        return migrated;
    }

    private String productName() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot reach the database behind jdbc/resetflow", e);
        }
    }

    static Map<String, String> placeholdersFor(String databaseProductName) {
        String product = databaseProductName.toLowerCase(Locale.ROOT);
        if (product.contains("mysql") || product.contains("mariadb")) {
            // Binary collation: canonical e-mails compare byte-exactly (no case, accent or pad folding).
            return Map.of("prefix", OwnTables.PREFIX_VALUE, "timestamp", "DATETIME(6)",
                    "table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
                    "drop_foreign_key", "DROP FOREIGN KEY");
        }
        return Map.of("prefix", OwnTables.PREFIX_VALUE, "timestamp", "TIMESTAMP(6)", "table_options", "",
                "drop_foreign_key", "DROP CONSTRAINT");
    }
}
