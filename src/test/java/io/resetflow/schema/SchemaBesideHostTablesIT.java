package io.resetflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product's migrations in a database that already holds a site's tables, as a host site's database does: a
 * Laravel-style {@code users} table, Laravel's {@code migrations} and the site's own Flyway history under Flyway's
 * default name. They run, they create only the product's tables and its own history, and every table of the site
 * keeps its definition and its rows. A database the product migrated in earlier releases (under Flyway's default
 * history table, or before its tables had a prefix) has its history and its tables adopted, on MariaDB and on H2 in
 * the embedded mode's settings.
 */
@ExtendWith(ServerExtension.class)
class SchemaBesideHostTablesIT {

    private static final List<String> PRODUCT_TABLES = List.of("resetflow_app_user", "resetflow_mail_outbox", "resetflow_mailed_link",
            "resetflow_rate_bucket", "resetflow_ended_sign_in", SchemaMigration.HISTORY_TABLE);

    @Test
    void inASchemaHoldingASitesTablesOnlyTheProductsOwnTablesAreCreatedAndTheSitesAreUntouched(TestServer server) throws Exception {
        try (TestDatabase db = server.database().sibling("host")) {
            DataSource dataSource = db.dataSource();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE users (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL,"
                        + " email VARCHAR(255) NOT NULL UNIQUE, email_verified_at TIMESTAMP NULL, password VARCHAR(255) NOT NULL,"
                        + " remember_token VARCHAR(100) NULL, created_at TIMESTAMP NULL, updated_at TIMESTAMP NULL)"
                        + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
                s.executeUpdate("INSERT INTO users (name, email, password, created_at) VALUES"
                        + " ('Ada', 'Ada@Example.org', '$2y$12$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW', NOW()),"
                        + " ('Bo', 'bo@example.org', '$2y$12$RR23q4U3WdxwBctRSjsSser2bK4joc1FxRM7VantozeJCdHOEEdlW', NOW())");
                s.executeUpdate("CREATE TABLE migrations (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY, migration VARCHAR(255) NOT NULL,"
                        + " batch INT NOT NULL)");
                s.executeUpdate("INSERT INTO migrations (migration, batch) VALUES ('2014_10_12_000000_create_users_table', 1)");
            }
            // The site's own Flyway history, under the default name, recording a migration of the site's.
            Flyway.configure().dataSource(dataSource).locations("classpath:no-migrations-here").baselineOnMigrate(true)
                    .baselineVersion("7").baselineDescription("site schema").load().migrate();
            Map<String, String> before = definitionsAndChecksums(dataSource);
            assertThat(before).containsKeys("users", "migrations", "flyway_schema_history");

            SchemaMigration.upgrade(dataSource, "MariaDB");
            SchemaMigration.upgrade(dataSource, "MariaDB");

            Map<String, String> after = definitionsAndChecksums(dataSource);
            List<String> created = new ArrayList<>(after.keySet());
            created.removeAll(before.keySet());
            assertThat(created).as("tables created").containsExactlyInAnyOrderElementsOf(PRODUCT_TABLES);
            for (Map.Entry<String, String> siteTable : before.entrySet()) {
                assertThat(after.get(siteTable.getKey())).as(siteTable.getKey() + ": definition and rows").isEqualTo(siteTable.getValue());
            }
            assertThat(history(dataSource, SchemaMigration.HISTORY_TABLE)).startsWith("0 BASELINE true").contains("4 SQL true");
        }
    }

    @Test
    void aDatabaseOfTheReleasesBeforeTheOwnHistoryAndThePrefixIsAdoptedOnMariaDb(TestServer server) throws Exception {
        try (TestDatabase db = server.database().sibling("adopt")) {
            assertEarlierReleaseAdopted(db.dataSource(), "MariaDB", "flyway_schema_history", "4");
        }
    }

    @Test
    void aDatabaseOfTheReleasesBeforeTheOwnHistoryAndThePrefixIsAdoptedOnH2() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:adopt;MODE=LEGACY;DB_CLOSE_DELAY=-1");
        assertEarlierReleaseAdopted(dataSource, "H2", "flyway_schema_history", "4");
    }

    @Test
    void aDatabaseOfTheReleaseBeforeThePrefixIsAdoptedOnMariaDb(TestServer server) throws Exception {
        try (TestDatabase db = server.database().sibling("unprefixed")) {
            assertEarlierReleaseAdopted(db.dataSource(), "MariaDB", "resetflow_schema_history", "5");
        }
    }

    @Test
    void aDatabaseOfTheReleaseBeforeThePrefixIsAdoptedOnH2() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:unprefixed;MODE=LEGACY;DB_CLOSE_DELAY=-1");
        assertEarlierReleaseAdopted(dataSource, "H2", "resetflow_schema_history", "5");
    }

    /**
     * Migrates as an earlier release did (its unprefixed migrations, kept byte for byte as the releases before the prefix
     * shipped them, V1 to V5, in {@code db/unprefixed}, under its history table, up to its last version), with an
     * account and a link in it; then as this one does, which brings the history's checksums in line and adds V6 and later.
     */
    private static void assertEarlierReleaseAdopted(DataSource dataSource, String product, String historyTable, String lastVersion)
            throws SQLException {
        Flyway.configure(SchemaMigration.class.getClassLoader()).dataSource(dataSource).locations("classpath:db/unprefixed")
                .table(historyTable).target(lastVersion).placeholders(SchemaMigration.placeholdersFor(product)).load().migrate();
        List<String> earlier = history(dataSource, historyTable);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO app_user (id, email, canonical_email, display_name, password_hash, password_changed_at, created_at)"
                    + " VALUES (7, 'Ada@Example.org', 'ada@example.org', 'Ada', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            s.executeUpdate("INSERT INTO mailed_link (purpose, canonical_email, account_id, email, token_hash, created_at, expires_at)"
                    + " VALUES ('password_reset', 'ada@example.org', 7, 'Ada@Example.org', X'01', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        }

        SchemaMigration.upgrade(dataSource, product);

        List<String> now = history(dataSource, SchemaMigration.HISTORY_TABLE);
        assertThat(now.subList(0, earlier.size())).as("the earlier history, kept").isEqualTo(earlier);
        assertThat(now).last().isEqualTo(latestVersion(dataSource, product) + " SQL true");
        try (Connection c = dataSource.getConnection()) {
            for (String gone : List.of("flyway_schema_history", "app_user", "mailed_link", "mail_outbox")) {
                try (ResultSet tables = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), gone, null)) {
                    assertThat(tables.next()).as(gone + " is gone").isFalse();
                }
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM resetflow_app_user a"
                    + " JOIN resetflow_mailed_link l ON l.account_id = a.id")) {
                r.next();
                assertThat(r.getLong(1)).as("the account and its link, kept").isEqualTo(1);
            }
        }
        // A second start finds nothing more to do, and the history validates against this release's migrations.
        SchemaMigration.upgrade(dataSource, product);
        assertThat(history(dataSource, SchemaMigration.HISTORY_TABLE)).isEqualTo(now);
    }

    /** The newest of this release's migrations, as Flyway reads them. */
    private static String latestVersion(DataSource dataSource, String product) {
        MigrationInfo[] all = SchemaMigration.configuration(dataSource, product).load().info().all();
        return all[all.length - 1].getVersion().getVersion();
    }

    private static List<String> history(DataSource dataSource, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String q = c.getMetaData().getIdentifierQuoteString().strip();
            try (ResultSet r = s.executeQuery("SELECT " + q + "version" + q + ", " + q + "type" + q + ", " + q + "success" + q
                    + " FROM " + q + table + q + " ORDER BY " + q + "installed_rank" + q)) {
                while (r.next()) {
                    rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getBoolean(3));
                }
            }
        }
        return rows;
    }

    /** Every table of the database: its SHOW CREATE TABLE and its CHECKSUM TABLE, so a change of either shows. */
    private static Map<String, String> definitionsAndChecksums(DataSource dataSource) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SHOW TABLES")) {
                while (r.next()) {
                    names.add(r.getString(1));
                }
            }
            for (String name : names) {
                String definition;
                try (ResultSet r = s.executeQuery("SHOW CREATE TABLE `" + name + "`")) {
                    r.next();
                    // The next auto-increment value is not part of the definition.
                    definition = r.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "");
                }
                try (ResultSet r = s.executeQuery("CHECKSUM TABLE `" + name + "`")) {
                    r.next();
                    tables.put(name, definition + "\nchecksum " + r.getLong(2));
                }
            }
        }
        return tables;
    }
}
