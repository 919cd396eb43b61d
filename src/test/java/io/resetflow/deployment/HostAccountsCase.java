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
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Forgot-password for a site that has its own users: a node pointed at the host's user table (1,000 rows whose
 * hashes the host's own software made, addresses stored with capitals, where the host has one a disabled account)
 * through the USERS_* settings, writing the host's format. In Chromium: forgot, mail, link, new password; the host's
 * verifier accepts the new hash and not the old password; no other column of any row changed, the table's
 * definition did not change, and the product created no table. Each kind of host is a subclass.
 */
@ExtendWith(ServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HostAccountsCase {

    static final String HOST_SIGN_IN = "https://shop.example.test/login";
    static final int ROWS = 1_000;
    /** The account the browser resets: stored with capitals, typed in lower case; one per host, as they share a mail sink. */
    final String reset = "Ada.Lovelace." + getClass().getSimpleName().replace("AccountsIT", "") + "@Example.org";
    private static final String NEW_PASSWORD = "a new passphrase for the old site";

    private PayaraMicroServer node;
    private Deployment product;
    private String definitionBefore;
    private List<String> tablesBefore;
    private String othersBefore;

    /** The host's table as the host's framework creates it on MariaDB. */
    abstract String createTable();

    abstract String table();

    /** The INSERT of one of the host's rows, with parameters. */
    abstract String insertRow();

    /**
     * Binds one row's values; its address is {@link #reset} for row 0, {@link #disabled} for row 1 where the host
     * has one, otherwise a member's; row 1 is the one to store disabled.
     */
    abstract void bindRow(PreparedStatement insert, int row, String email) throws Exception;

    /** The password every row's hash was made from. */
    abstract String oldPassword();

    /** The USERS_* and PASSWORD_* settings an operator of this host sets. */
    abstract Map<String, String> settings();

    /** The host's own check of a password against a stored value. */
    abstract boolean hostVerifies(String password, String stored) throws Exception;

    /** The address of the disabled account, where the host has an enabled column. */
    Optional<String> disabled() {
        return Optional.empty();
    }

    /** What the new hash starts with. */
    abstract String writtenPrefix();

    /** Whatever the host needs before its table is made (a schema of its own). */
    void prepare(TestServer server) throws Exception {
    }

    /** Removes what {@link #prepare} made. */
    void cleanUp() throws Exception {
    }

    /** The node's log. */
    String nodeLog() throws Exception {
        return Files.readString(node.log());
    }

    @BeforeAll
    void start(TestServer server) throws Exception {
        prepare(server);
        TestDatabase db = server.database();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE IF EXISTS " + table());
            s.executeUpdate(createTable());
            try (PreparedStatement insert = c.prepareStatement(insertRow())) {
                for (int row = 0; row < ROWS; row++) {
                    String member = "Member" + row + "@Example.org";
                    bindRow(insert, row, row == 0 ? reset : row == 1 ? disabled().orElse(member) : member);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        definitionBefore = definition(db);
        tablesBefore = tables(db);
        othersBefore = everyColumnButThePassword(db);
        Map<String, String> settings = new HashMap<>(settings());
        settings.put("HOST_SIGN_IN_URL", HOST_SIGN_IN);
        settings.put("USERS_TABLE", table());
        node = server.startNode("host-" + table(), settings);
        product = Deployment.at(node.baseUri(), server.mail());
    }

    @AfterAll
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        cleanUp();
    }

    @Test
    void aHostAccountResetsInChromiumAndOnlyItsHashChanges(TestServer server) throws Exception {
        String hashBefore = storedHash(server.database(), reset);
        ChromeDriver person = Browser.start();
        try {
            person.get(node.baseUri().resolve("/forgot-password").toString());
            fill(person, "forgot:email", reset.toLowerCase(java.util.Locale.ROOT));
            clickAndWaitFor(person, "forgot:submit", "sent");
            MimeMessage mail = Mailbox.await(server.mail(), reset, 1).get(0);
            person.get(Mailbox.resetLink(mail));
            fill(person, "reset:password", NEW_PASSWORD);
            fill(person, "reset:confirmation", NEW_PASSWORD);
            clickAndWaitFor(person, "reset:submit", "sign-in");
            assertThat(person.findElement(By.id("sign-in")).getAttribute("href")).isEqualTo(HOST_SIGN_IN);
        } finally {
            person.quit();
        }

        String stored = storedHash(server.database(), reset);
        assertThat(stored).isNotEqualTo(hashBefore).startsWith(writtenPrefix());
        assertThat(hostVerifies(NEW_PASSWORD, stored)).as("the host's verifier takes the new password").isTrue();
        assertThat(hostVerifies(oldPassword(), stored)).as("and no longer the old one").isFalse();
        Optional<String> changedColumn = Optional.ofNullable(settings().get("USERS_PASSWORD_CHANGED_COLUMN"));
        if (changedColumn.isPresent()) {
            assertThat(server.database().queryString("SELECT " + changedColumn.get() + " FROM " + table() + " WHERE "
                    + settings().getOrDefault("USERS_EMAIL_COLUMN", "email") + " = ?", reset)).as("the host's password-changed column")
                    .isNotNull();
        }
        assertThat(everyColumnButThePassword(server.database())).as("every other column of every row").isEqualTo(othersBefore);
        assertThat(definition(server.database())).as("the table's definition").isEqualTo(definitionBefore);
        assertThat(tables(server.database())).as("no table created").isEqualTo(tablesBefore);
        assertThat(tables(server.database())).as("the product's tables, every one prefixed")
                .contains("resetflow_app_user", "resetflow_mailed_link", "resetflow_mail_outbox", "resetflow_schema_history")
                .doesNotContain("app_user", "mailed_link", "mail_outbox", "flyway_schema_history");
    }

    @Test
    void aDisabledOrUnknownAddressGetsTheSameAnswerAndNoMail(TestServer server) throws Exception {
        List<String> addresses = new ArrayList<>(List.of("nobody-at-all@example.org"));
        disabled().ifPresent(addresses::add);
        for (String email : addresses) {
            WebClient web = new WebClient(product);
            WebClient.Page answer = web.submit(web.get("/forgot-password"), "forgot", Map.of("email", email));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).contains("a link to set a new password is on its way");
        }
        server.awaitOutboxDelivered();
        for (String email : addresses) {
            assertThat(Mailbox.to(server.mail(), email)).as(email).isEmpty();
        }
        assertThat(nodeLog()).contains("Accounts mapped onto " + table());
    }

    private String storedHash(TestDatabase db, String email) throws SQLException {
        return db.queryString("SELECT " + settings().getOrDefault("USERS_PASSWORD_COLUMN", "password") + " FROM " + table()
                + " WHERE " + settings().getOrDefault("USERS_EMAIL_COLUMN", "email") + " = ?", email);
    }

    /** A digest of every row's every column but the password (and its password-changed column), in key order. */
    private String everyColumnButThePassword(TestDatabase db) throws Exception {
        String password = settings().getOrDefault("USERS_PASSWORD_COLUMN", "password");
        String changed = settings().getOrDefault("USERS_PASSWORD_CHANGED_COLUMN", password);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM " + table() + " ORDER BY " + settings().getOrDefault("USERS_ID_COLUMN", "id"))) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    if (!meta.getColumnName(i).equals(password) && !meta.getColumnName(i).equals(changed)) {
                        digest.update((meta.getColumnName(i) + "=" + r.getString(i) + "|").getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private String definition(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW CREATE TABLE " + table())) {
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
