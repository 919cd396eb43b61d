package io.resetflow.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Map;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Laravel's {@code users} table (its default migration: a unique address, no enabled column) with PHP's
 * {@code $2y$} bcrypt: the value PHP 8.2's {@code password_hash} made for this password on every row.
 */
public class LaravelAccountsIT extends HostAccountsCase {

    private static final String PASSWORD = "pässwörd 世界";
    /** What PHP's {@code password_hash} made for {@link #PASSWORD} at cost 5. */
    public static final String HASH = "$2y$05$3Gjx7fbn6WyzMpPFoupybeLm8q2fqOwFrCtxeBlGla4A.QhqtlDYW";
    /** Laravel's default {@code users} migration, as MariaDB shows it. */
    public static final String CREATE_TABLE = "CREATE TABLE users (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, name VARCHAR(255) NOT NULL,"
            + " email VARCHAR(255) NOT NULL, email_verified_at TIMESTAMP NULL, password VARCHAR(255) NOT NULL,"
            + " remember_token VARCHAR(100) NULL, created_at TIMESTAMP NULL, updated_at TIMESTAMP NULL,"
            + " UNIQUE KEY users_email_unique (email)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

    @Override
    String table() {
        return "users";
    }

    @Override
    String createTable() {
        return CREATE_TABLE;
    }

    @Override
    String insertRow() {
        return "INSERT INTO users (name, email, password, created_at, updated_at) VALUES (?, ?, ?, NOW(), NOW())";
    }

    @Override
    void bindRow(PreparedStatement insert, int row, String email) throws Exception {
        insert.setString(1, row == 0 ? "Ada Lovelace" : "Member " + row);
        insert.setString(2, email);
        insert.setString(3, HASH);
    }

    @Override
    String oldPassword() {
        return PASSWORD;
    }

    @Override
    Map<String, String> settings() {
        return Map.of("USERS_NAME_COLUMN", "name", "PASSWORD_WRITE_FORMAT", "bcrypt", "PASSWORD_HASH_BCRYPT_COST", "10");
    }

    /** PHP's password_verify where PHP is installed; otherwise Spring Security's bcrypt, which reads $2y$ alike. */
    @Override
    boolean hostVerifies(String password, String stored) throws Exception {
        if (Files.isExecutable(Path.of("/usr/bin/php"))) {
            Process php = new ProcessBuilder("/usr/bin/php", "-r",
                    "echo password_verify(base64_decode($argv[1]), $argv[2]) ? 'yes' : 'no';",
                    java.util.Base64.getEncoder().encodeToString(password.getBytes(java.nio.charset.StandardCharsets.UTF_8)), stored)
                    .redirectErrorStream(true).start();
            String answer = new String(php.getInputStream().readAllBytes()).strip();
            php.waitFor();
            return answer.equals("yes");
        }
        return new BCryptPasswordEncoder().matches(password, stored);
    }

    @Override
    String writtenPrefix() {
        return "$2y$10$";
    }
}
