package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Django's {@code auth_user} (Django 3.2's MySQL schema: no index on the address, {@code is_active}), with
 * {@code pbkdf2_sha256} hashes: Django's own test vector on every row.
 */
class DjangoAccountsIT extends HostAccountsCase {

    /** Django 3.2 made this value for this password (20,000 iterations). */
    private static final String PASSWORD = "pässwörd 世界";
    private static final String HASH = "pbkdf2_sha256$20000$Zk3sQ9xVb2LwTqR1aPn7Ue$D7RWDC+/vX/KPIFEQKupKy1F1o52CLhq9gawL9nHuSc=";
    private static final String DISABLED = "Former.Member@Example.org";

    @Override
    String table() {
        return "auth_user";
    }

    @Override
    String createTable() {
        return "CREATE TABLE auth_user (id INT AUTO_INCREMENT PRIMARY KEY, password VARCHAR(128) NOT NULL,"
                + " last_login DATETIME(6) NULL, is_superuser TINYINT(1) NOT NULL, username VARCHAR(150) NOT NULL UNIQUE,"
                + " first_name VARCHAR(150) NOT NULL, last_name VARCHAR(150) NOT NULL, email VARCHAR(254) NOT NULL,"
                + " is_staff TINYINT(1) NOT NULL, is_active TINYINT(1) NOT NULL, date_joined DATETIME(6) NOT NULL)"
                + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";
    }

    @Override
    String insertRow() {
        return "INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff,"
                + " is_active, date_joined) VALUES (?, NULL, 0, ?, ?, ?, ?, 0, ?, NOW(6))";
    }

    @Override
    void bindRow(PreparedStatement insert, int row, String email) throws Exception {
        insert.setString(1, HASH);
        insert.setString(2, "member" + row);
        insert.setString(3, row == 0 ? "Ada" : "Member");
        insert.setString(4, "No. " + row);
        insert.setString(5, email);
        insert.setInt(6, row == 1 ? 0 : 1);
    }

    @Override
    String oldPassword() {
        return PASSWORD;
    }

    @Override
    Map<String, String> settings() {
        return Map.of("USERS_NAME_COLUMN", "first_name", "USERS_ENABLED_COLUMN", "is_active",
                "PASSWORD_WRITE_FORMAT", "django-pbkdf2-sha256", "PASSWORD_HASH_DJANGO_ITERATIONS", "100000");
    }

    /** Django's PBKDF2PasswordHasher: PBKDF2-HMAC-SHA256 over the UTF-8 password and the salt text, Base64. */
    @Override
    boolean hostVerifies(String password, String stored) throws Exception {
        String[] parts = stored.split("\\$");
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(password.toCharArray(),
                parts[2].getBytes(StandardCharsets.UTF_8), Integer.parseInt(parts[1]), 256)).getEncoded();
        return parts[0].equals("pbkdf2_sha256") && Base64.getEncoder().encodeToString(key).equals(parts[3]);
    }

    @Override
    Optional<String> disabled() {
        return Optional.of(DISABLED);
    }

    @Test
    void theStartSaysWhichIndexTheAddressLookUpLacks() throws Exception {
        assertThat(nodeLog()).contains("no index starts with auth_user.email")
                .contains("CREATE INDEX resetflow_email ON auth_user (email)")
                .contains("Accounts: auth_user (email the address, password the password hash, written as django-pbkdf2-sha256)");
    }

    @Override
    String writtenPrefix() {
        return "pbkdf2_sha256$100000$";
    }
}
