package io.resetflow.schema;

import io.resetflow.background.ApplicationStart;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * <p>The product's migrations are recorded in a history table of its own, {@value #HISTORY_TABLE}, so they run
 * in a database that already holds a site's tables, and beside the site's own Flyway history: whatever else is in
 * the schema is left alone. A database the product migrated before under Flyway's default history table has that
 * table adopted (renamed) first, only if it records the product's own first migration.
 */
@ApplicationScoped
public class SchemaMigration {

    /** Where the product's migrations are recorded. */
    public static final String HISTORY_TABLE = "resetflow_schema_history";
    /** Where releases before {@link #HISTORY_TABLE} recorded them: Flyway's default, which a host site may use too. */
    static final String EARLIER_HISTORY_TABLE = "flyway_schema_history";
    private static final String FIRST_MIGRATION = "V1__accounts_reset_tokens_outbox.sql";
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/resetflow")
    DataSource dataSource;

    private volatile boolean migrated;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ApplicationStart.Started start) {
        adoptEarlierHistory(dataSource);
        configuration(dataSource, productName()).load().migrate();
        migrated = true;
    }

    /**
     * The product's migrations over this data source. In a schema that holds other tables and no history of the
     * product's, the history starts at version 0 (Flyway's "baseline"), so every migration runs.
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
     * Renames Flyway's default history table to {@link #HISTORY_TABLE} where it records the product's own first
     * migration and no {@link #HISTORY_TABLE} exists yet; a default history table of anybody else stays as it is.
     */
    public static void adoptEarlierHistory(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            if (!exists(c, EARLIER_HISTORY_TABLE) || exists(c, HISTORY_TABLE)) {
                return;
            }
            String q = c.getMetaData().getIdentifierQuoteString().strip();
            boolean ours;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + q + EARLIER_HISTORY_TABLE + q
                    + " WHERE " + q + "script" + q + " = ?")) {
                s.setString(1, FIRST_MIGRATION);
                try (ResultSet r = s.executeQuery()) {
                    ours = r.next() && r.getLong(1) > 0;
                }
            }
            if (ours) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("ALTER TABLE " + q + EARLIER_HISTORY_TABLE + q + " RENAME TO " + q + HISTORY_TABLE + q);
                }
                LOG.log(Level.INFO, "Schema history moved from {0} to {1}", new Object[] {EARLIER_HISTORY_TABLE, HISTORY_TABLE});
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the schema history behind jdbc/resetflow", e);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), table, new String[] {"TABLE"})) {
            return tables.next();
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
            return Map.of("timestamp", "DATETIME(6)",
                    "table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
                    "drop_foreign_key", "DROP FOREIGN KEY");
        }
        return Map.of("timestamp", "TIMESTAMP(6)", "table_options", "", "drop_foreign_key", "DROP CONSTRAINT");
    }
}
