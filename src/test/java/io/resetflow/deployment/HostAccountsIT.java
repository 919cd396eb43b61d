package io.resetflow.deployment;

import static io.resetflow.testing.Browser.clickAndWaitFor;
import static io.resetflow.testing.Browser.fill;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Browser;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Forgot-password for a site that has its own users: a node pointed at Django's {@code auth_user} table (1,000 rows,
 * Django's own {@code pbkdf2_sha256} hashes, addresses with capitals, a disabled account, no index on the address)
 * through the USERS_* settings, writing Django's format. In Chromium: forgot, mail, link, new password; Django's
 * algorithm accepts the new hash and not the old password; no other column of any row changed, the table's
 * definition did not change, and the product created no table.
 */
@ExtendWith(ServerExtension.class)
class HostAccountsIT {

    private static final String HOST_SIGN_IN = "http://shop.example.test/accounts/login/";
    /** Django's own test vector for this password (Django 3.2, 20,000 iterations). */
    private static final String OLD_PASSWORD = "pässwörd 世界";
    private static final String OLD_HASH = "pbkdf2_sha256$20000$Zk3sQ9xVb2LwTqR1aPn7Ue$D7RWDC+/vX/KPIFEQKupKy1F1o52CLhq9gawL9nHuSc=";
    private static final String ADA = "Ada.Lovelace@Example.org";
    private static final String DISABLED = "Former.Member@Example.org";
    private static final int ROWS = 1_000;

    private static PayaraMicroServer node;
    private static Deployment product;
    private static String definitionBefore;
    private static List<String> tablesBefore;
    private static String othersBefore;

    @BeforeAll
    static void start(TestServer server) throws Exception {
        TestDatabase db = server.database();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS auth_user");
            // Django 3.2's auth_user as its MySQL backend creates it, in a case-insensitive collation.
            s.executeUpdate("CREATE TABLE auth_user (id INT AUTO_INCREMENT PRIMARY KEY, password VARCHAR(128) NOT NULL,"
                    + " last_login DATETIME(6) NULL, is_superuser TINYINT(1) NOT NULL, username VARCHAR(150) NOT NULL UNIQUE,"
                    + " first_name VARCHAR(150) NOT NULL, last_name VARCHAR(150) NOT NULL, email VARCHAR(254) NOT NULL,"
                    + " is_staff TINYINT(1) NOT NULL, is_active TINYINT(1) NOT NULL, date_joined DATETIME(6) NOT NULL)"
                    + " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO auth_user (password, last_login, is_superuser, username,"
                    + " first_name, last_name, email, is_staff, is_active, date_joined) VALUES (?, NULL, 0, ?, ?, ?, ?, 0, ?, NOW(6))")) {
                for (int i = 0; i < ROWS; i++) {
                    String email = i == 0 ? ADA : i == 1 ? DISABLED : "Member" + i + "@Example.org";
                    insert.setString(1, OLD_HASH);
                    insert.setString(2, "member" + i);
                    insert.setString(3, i == 0 ? "Ada" : "Member");
                    insert.setString(4, "No. " + i);
                    insert.setString(5, email);
                    insert.setInt(6, i == 1 ? 0 : 1);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        definitionBefore = definition(db);
        tablesBefore = tables(db);
        othersBefore = everyColumnButThePassword(db);
        node = server.startNode("host-accounts", Map.of(
                "HOST_SIGN_IN_URL", HOST_SIGN_IN,
                "USERS_TABLE", "auth_user",
                "USERS_EMAIL_COLUMN", "email",
                "USERS_PASSWORD_COLUMN", "password",
                "USERS_NAME_COLUMN", "first_name",
                "USERS_ENABLED_COLUMN", "is_active",
                "PASSWORD_WRITE_FORMAT", "django-pbkdf2-sha256",
                "PASSWORD_HASH_DJANGO_ITERATIONS", "100000"));
        product = Deployment.at(node.baseUri(), server.mail());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aHostAccountResetsInChromiumAndOnlyItsHashChanges(TestServer server) throws Exception {
        String newPassword = "a new passphrase for the old site";
        ChromeDriver person = Browser.start();
        try {
            person.get(node.baseUri().resolve("/forgot-password").toString());
            // Typed in another case than stored: the column's collation finds it.
            fill(person, "forgot:email", ADA.toLowerCase());
            clickAndWaitFor(person, "forgot:submit", "sent");
            MimeMessage mail = Mailbox.await(server.mail(), ADA, 1).get(0);
            assertThat(Mailbox.body(mail)).startsWith("Hello Ada,");
            person.get(Mailbox.resetLink(mail));
            fill(person, "reset:password", newPassword);
            fill(person, "reset:confirmation", newPassword);
            clickAndWaitFor(person, "reset:submit", "sign-in");
            assertThat(person.findElement(org.openqa.selenium.By.id("sign-in")).getAttribute("href")).isEqualTo(HOST_SIGN_IN);
        } finally {
            person.quit();
        }

        String stored = server.database().queryString("SELECT password FROM auth_user WHERE username = 'member0'");
        assertThat(stored).startsWith("pbkdf2_sha256$100000$");
        assertThat(django(newPassword, stored)).as("Django's algorithm takes the new password").isTrue();
        assertThat(django(OLD_PASSWORD, stored)).as("and no longer the old one").isFalse();
        assertThat(everyColumnButThePassword(server.database())).as("every other column of every row").isEqualTo(othersBefore);
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM auth_user WHERE password <> ?", OLD_HASH)).isEqualTo(1);
        assertThat(definition(server.database())).as("the table's definition").isEqualTo(definitionBefore);
        assertThat(tables(server.database())).as("no table created").isEqualTo(tablesBefore);
    }

    @Test
    void aDisabledAccountGetsTheUnknownAddressesAnswerAndNoMail(TestServer server) throws Exception {
        for (String email : new String[] {DISABLED, "nobody-at-all@example.org"}) {
            WebClient web = new WebClient(product);
            WebClient.Page answer = web.submit(web.get("/forgot-password"), "forgot", Map.of("email", email));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).contains("a link to set a new password is on its way");
        }
        String hashBefore = server.database().queryString("SELECT password FROM auth_user WHERE username = 'member1'");
        server.awaitOutboxDelivered();
        assertThat(Mailbox.to(server.mail(), DISABLED)).isEmpty();
        assertThat(server.database().queryString("SELECT password FROM auth_user WHERE username = 'member1'")).isEqualTo(hashBefore);
    }

    @Test
    void theStartSaysWhichIndexTheAddressLookUpLacks() throws Exception {
        String log = Files.readString(node.log());
        assertThat(log).contains("no index starts with auth_user.email").contains("CREATE INDEX resetflow_email ON auth_user (email)");
        assertThat(log).contains("Accounts mapped onto auth_user")
                .contains("Accounts: auth_user (email the address, password the password hash, written as django-pbkdf2-sha256)");
    }

    private static boolean django(String password, String stored) throws Exception {
        String[] parts = stored.split("\\$");
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(password.toCharArray(),
                parts[2].getBytes(StandardCharsets.UTF_8), Integer.parseInt(parts[1]), 256)).getEncoded();
        return Base64.getEncoder().encodeToString(key).equals(parts[3]);
    }

    /** A digest of every row's every column but the password, in id order. */
    private static String everyColumnButThePassword(TestDatabase db) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM auth_user ORDER BY id")) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equals("password")) {
                        digest.update((meta.getColumnName(i) + "=" + r.getString(i) + "|").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String definition(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW CREATE TABLE auth_user")) {
            r.next();
            return r.getString(2).replaceAll(" AUTO_INCREMENT=\\d+", "");
        }
    }

    private static List<String> tables(TestDatabase db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW TABLES")) {
            while (r.next()) {
                tables.add(r.getString(1));
            }
        }
        return tables;
    }
}
