package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resetflow.testing.LogCapture;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The start check of a host's user table, on an in-memory H2 database holding Django's auth_user. */
class AccountTableCheckTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Map<String, String> settings = new HashMap<>(Map.of(
            "users.table", "auth_user", "users.id-column", "id", "users.email-column", "email",
            "users.password-column", "password", "users.enabled-value", "1", "host.sign-in-url", "https://shop.example/login"));

    @BeforeEach
    void djangoTable() throws Exception {
        dataSource.setURL("jdbc:h2:mem:accounts" + System.nanoTime() + ";MODE=LEGACY;DB_CLOSE_DELAY=-1");
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE auth_user (id INT AUTO_INCREMENT PRIMARY KEY, password VARCHAR(128) NOT NULL,"
                    + " first_name VARCHAR(150) NOT NULL, email VARCHAR(254) NOT NULL, is_active BOOLEAN NOT NULL,"
                    + " date_joined TIMESTAMP NOT NULL)");
        }
    }

    @Test
    void usableColumnsPassAndAMissingIndexIsAdvised() {
        settings.put("users.name-column", "first_name");
        settings.put("users.enabled-column", "is_active");
        try (LogCapture log = LogCapture.warningsOf(AccountTableCheck.class)) {
            check();
            assertThat(log.warnings()).singleElement().asString().contains("CREATE INDEX resetflow_email ON auth_user (email)");
        }
    }

    @Test
    void anIndexOnTheAddressSilencesTheAdvice() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE INDEX auth_user_email ON auth_user (email)");
        }
        try (LogCapture log = LogCapture.warningsOf(AccountTableCheck.class)) {
            check();
            assertThat(log.warnings()).isEmpty();
        }
    }

    @Test
    void eachUnusableSettingStopsTheStartWithOneLineNamingIt() {
        assertRefused("users.password-column", "passwd", "USERS_PASSWORD_COLUMN: auth_user has no column passwd");
        assertRefused("users.table", "users", "USERS_TABLE: the database has no table users");
        assertRefused("users.email-column", "id", "USERS_EMAIL_COLUMN: auth_user.id is INTEGER, not text");
        assertRefused("users.id-column", "email", "USERS_ID_COLUMN: auth_user.email is CHARACTER VARYING, not a whole number");
        assertRefused("users.password-changed-column", "first_name", "USERS_PASSWORD_CHANGED_COLUMN: auth_user.first_name is");
        assertRefused("host.sign-in-url", "", "USERS_TABLE needs HOST_SIGN_IN_URL");
    }

    @Test
    void aHashColumnTooShortForTheWriteFormatIsRefused() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE auth_user ALTER COLUMN password VARCHAR(60)");
        }
        assertThatThrownBy(this::check).hasMessageContaining("USERS_PASSWORD_COLUMN: auth_user.password holds 60 characters,"
                + " and PASSWORD_WRITE_FORMAT=argon2id writes");
    }

    private void assertRefused(String setting, String value, String line) {
        String before = settings.put(setting, value);
        try {
            assertThatThrownBy(this::check).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("ResetFlow refuses to start: " + line);
        } finally {
            if (before == null) {
                settings.remove(setting);
            } else {
                settings.put(setting, before);
            }
        }
    }

    private void check() {
        AccountTableCheck check = new AccountTableCheck();
        check.dataSource = dataSource;
        check.config = config();
        check.hasher = PasswordHasherTest.hasher("argon2id", PasswordHasherTest.FORMAT_ONLY_PBKDF2);
        check.check(null);
    }

    private Config config() {
        return (Config) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Config.class}, (proxy, method, args) -> {
            Optional<String> value = Optional.ofNullable(settings.get((String) args[0]));
            return switch (method.getName()) {
                case "getValue" -> value.orElseThrow();
                case "getOptionalValue" -> value;
                default -> throw new UnsupportedOperationException(method.getName());
            };
        });
    }
}
