package io.resetflow.schema;

import io.resetflow.background.ApplicationStart;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date while the application deploys, before anything else touches the
 * database. A failed migration fails the deployment. The same migrations serve MySQL/MariaDB and the
 * embedded H2; the few words that differ come in as placeholders.
 */
@ApplicationScoped
public class SchemaMigration {

    @Resource(lookup = "jdbc/resetflow")
    DataSource dataSource;

    private volatile boolean migrated;

    void migrate(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ApplicationStart.Started start) {
        Flyway.configure(SchemaMigration.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(placeholdersFor(productName()))
                .load()
                .migrate();
        migrated = true;
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
                    "table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");
        }
        return Map.of("timestamp", "TIMESTAMP(6)", "table_options", "");
    }
}
