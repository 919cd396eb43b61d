package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An account written through JPA and the container's datasource is really in MariaDB. */
@ExtendWith(ServerExtension.class)
class UserPersistenceIT {

    @Test
    void registeredAccountIsARowInMariaDbAndSignsInAgain(TestServer server) throws Exception {
        String typed = "  Round.Trip-" + System.nanoTime() + "@Example.TEST ";
        String canonical = typed.strip().toLowerCase(java.util.Locale.ROOT);
        Accounts.register(server, typed, Accounts.PASSWORD);

        try (Connection c = server.database().connect();
             PreparedStatement s = c.prepareStatement(
                     "SELECT email, canonical_email, display_name, password_hash, session_version FROM resetflow_app_user WHERE canonical_email = ?")) {
            s.setString(1, canonical);
            try (ResultSet row = s.executeQuery()) {
                assertThat(row.next()).as("row for " + canonical).isTrue();
                assertThat(row.getString("email")).isEqualTo(typed.strip());
                assertThat(row.getString("display_name")).isEqualTo("Test Person");
                assertThat(row.getString("password_hash")).startsWith(TestServer.TEST_ARGON2ID_PREFIX)
                        .doesNotContain(Accounts.PASSWORD);
                assertThat(row.getInt("session_version")).isZero();
                assertThat(row.next()).isFalse();
            }
        }
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, canonical.toUpperCase(java.util.Locale.ROOT), Accounts.PASSWORD)))
                .as("signed in again, the account read back through JPA").isTrue();
    }
}
