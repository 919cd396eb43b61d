package io.resetflow.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upgrade keeps what people hold: a database at an older version, with an account, a live reset link and a live
 * registration link in it, is brought to the newest, and both links are still there, for the same addresses, with
 * the same digests and expiry. On MariaDB (beside the tests' database) and on H2 in the embedded mode's settings.
 */
@ExtendWith(ServerExtension.class)
class SchemaUpgradeIT {

    private static final byte[] RESET_DIGEST = digest(1);
    private static final byte[] REGISTRATION_DIGEST = digest(2);
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 6, 12, 0);

    @Test
    void liveLinksOfTheSeparateTablesOfVersionThreeSurviveOnMariaDb(TestServer server) throws Exception {
        try (TestDatabase db = server.database().sibling("upgrade")) {
            assertLinksSurviveTheUpgrade(db.dataSource(), "MariaDB");
        }
    }

    @Test
    void liveLinksOfTheSeparateTablesOfVersionThreeSurviveOnH2() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:upgrade;MODE=LEGACY;DB_CLOSE_DELAY=-1");
        assertLinksSurviveTheUpgrade(dataSource, "H2");
    }

    private static void assertLinksSurviveTheUpgrade(DataSource dataSource, String product) throws SQLException {
        migrate(dataSource, product, MigrationVersion.fromVersion("3"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO resetflow_app_user (id, email, canonical_email, display_name, password_hash, password_changed_at,"
                    + " preferred_locale, created_at) VALUES (7, 'Ada@Example.org', 'ada@example.org', 'Ada', 'x', '2026-12-01 00:00:00',"
                    + " 'de', '2026-12-01 00:00:00')");
            insert(c, "INSERT INTO resetflow_password_reset_token (user_id, token_hash, created_at, expires_at) VALUES (7, ?, ?, ?)",
                    RESET_DIGEST);
            insert(c, "INSERT INTO resetflow_registration_token (canonical_email, email, preferred_locale, token_hash, created_at, expires_at)"
                    + " VALUES ('bo@example.org', ' Bo@Example.org', 'fr', ?, ?, ?)", REGISTRATION_DIGEST);
        }

        migrate(dataSource, product, MigrationVersion.LATEST);

        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT purpose, canonical_email, account_id, email, preferred_locale, token_hash, expires_at, used_at"
                        + " FROM resetflow_mailed_link ORDER BY purpose"); ResultSet r = s.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(String.join("|", r.getString(1), r.getString(2), String.valueOf(r.getObject(3)), r.getString(4),
                        r.getString(5), hex(r.getBytes(6)),
                        r.getTimestamp(7).toLocalDateTime().toString(), String.valueOf(r.getObject(8))));
            }
            assertThat(rows).containsExactly(
                    "password_reset|ada@example.org|7|Ada@Example.org|de|" + hex(RESET_DIGEST) + "|2026-12-06T12:30|null",
                    "registration|bo@example.org|null| Bo@Example.org|fr|" + hex(REGISTRATION_DIGEST) + "|2026-12-06T12:30|null");
        }
    }

    private static void migrate(DataSource dataSource, String product, MigrationVersion target) {
        SchemaMigration.configuration(dataSource, product).target(target).load().migrate();
    }

    private static void insert(Connection c, String sql, byte[] digest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setBytes(1, digest);
            s.setObject(2, NOW);
            s.setObject(3, NOW.plusMinutes(30));
            s.executeUpdate();
        }
    }

    private static byte[] digest(int seed) {
        byte[] digest = new byte[32];
        Arrays.fill(digest, (byte) seed);
        return digest;
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
