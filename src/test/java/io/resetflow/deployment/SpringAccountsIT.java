package io.resetflow.deployment;

import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A Spring Boot shop's {@code users} table in a schema of its own (USERS_TABLE=schema.users), with an
 * {@code enabled} column and {@code {bcrypt}} values that Spring Security Crypto's delegating encoder made before
 * the product starts, one per row; its {@code credentials_changed_at} is the password-changed column the shop reads
 * to end its own sessions.
 */
class SpringAccountsIT extends HostAccountsCase {

    private static final String PASSWORD = "spring shop passphrase, long enough";
    private static final String DISABLED = "Locked.Out@Example.org";
    private static final PasswordEncoder SPRING = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private static final PasswordEncoder CHEAP = new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(4)));

    private TestDatabase shop;

    @Override
    void prepare(TestServer server) throws Exception {
        shop = server.database().sibling("shop");
    }

    @Override
    void cleanUp() throws Exception {
        if (shop != null) {
            shop.close();
        }
    }

    @Override
    String table() {
        return shop.name() + ".users";
    }

    @Override
    String createTable() {
        return "CREATE TABLE " + table() + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, username VARCHAR(50) NOT NULL UNIQUE,"
                + " email VARCHAR(254) NOT NULL, password VARCHAR(500) NOT NULL, enabled BOOLEAN NOT NULL,"
                + " credentials_changed_at DATETIME(6) NULL,"
                + " KEY users_email (email)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci";
    }

    @Override
    String insertRow() {
        return "INSERT INTO " + table() + " (username, email, password, enabled) VALUES (?, ?, ?, ?)";
    }

    /** Each row its own {bcrypt} value from Spring's encoder, at bcrypt's lowest cost so that 1,000 take a second. */
    @Override
    void bindRow(PreparedStatement insert, int row, String email) throws Exception {
        insert.setString(1, "member" + row);
        insert.setString(2, email);
        insert.setString(3, CHEAP.encode(PASSWORD));
        insert.setBoolean(4, row != 1);
    }

    @Override
    String oldPassword() {
        return PASSWORD;
    }

    @Override
    Map<String, String> settings() {
        return Map.of("USERS_ENABLED_COLUMN", "enabled", "USERS_ENABLED_VALUE", "true", "USERS_PASSWORD_CHANGED_COLUMN", "credentials_changed_at",
                "PASSWORD_WRITE_FORMAT", "spring-bcrypt", "PASSWORD_HASH_BCRYPT_COST", "10");
    }

    @Override
    boolean hostVerifies(String password, String stored) {
        return SPRING.matches(password, stored);
    }

    @Override
    Optional<String> disabled() {
        return Optional.of(DISABLED);
    }

    @Override
    String writtenPrefix() {
        return "{bcrypt}$2a$10$";
    }
}
