package io.resetflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.PayaraServerDomain;
import io.resetflow.testing.Ports;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR on Payara Server 6 (the distribution from Maven Central, a fresh domain), set up by
 * {@code server-config/payara-server.sh} as an administrator would run it, against MariaDB through a database
 * account of its own and a real SMTP server: the whole flow works, rate limits work on the server's own data grid,
 * only the application answers on the public listener, and running the script again upgrades in place.
 */
@ExtendWith(ServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PayaraServerIT {

    private static final String LINK_MAIL = "Set a new password";
    private static final String NEW_PASSWORD = "a new and rather long passphrase";

    private static PayaraServerDomain domain;
    private static TestDatabase database;
    private static MailSink mail;
    private static String dbUser;
    private static String dbPassword;
    private static int opsPort;
    private static String email;

    @BeforeAll
    static void setUp(TestServer shared) throws Exception {
        database = shared.database().sibling("payara_server");
        dbUser = "rf_ps_" + ProcessHandle.current().pid();
        dbPassword = randomSecret();
        database.update("DROP USER IF EXISTS '" + dbUser + "'@'127.0.0.1'");
        database.update("CREATE USER '" + dbUser + "'@'127.0.0.1' IDENTIFIED BY '" + dbPassword + "'");
        database.update("GRANT ALL ON " + database.name() + ".* TO '" + dbUser + "'@'127.0.0.1'");
        mail = new MailSink(Ports.free()).start();
        domain = PayaraServerDomain.start("resetflow");
        opsPort = Ports.free();
        applySetUpScript();
    }

    /** Runs server-config/payara-server.sh with every value in its environment, as the README says. */
    private static void applySetUpScript() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ASADMIN", domain.asadminPath().toString());
        env.put("AS_ADMIN_PORT", String.valueOf(domain.adminPort()));
        env.put("DOMAIN_DIR", domain.domainsDir().toString());
        env.put("DOMAIN_NAME", domain.name());
        env.put("APP_WAR", System.getProperty("it.war"));
        env.put("JDBC_DRIVER_JAR", Path.of(System.getProperty("it.server.dir"), "mysql-connector-j.jar").toString());
        env.put("APP_BASE_URL", domain.baseUri().toString());
        env.put("DB_HOST", database.host());
        env.put("DB_PORT", String.valueOf(database.port()));
        env.put("DB_NAME", database.name());
        env.put("DB_USER", dbUser);
        env.put("DB_PASSWORD", dbPassword);
        env.put("DB_SSL_MODE", "DISABLED");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(mail.port()));
        env.put("MAIL_FROM", "ResetFlow <no-reply@resetflow.test>");
        env.put("OPS_PORT", String.valueOf(opsPort));
        String output = domain.run(List.of("bash", Path.of("server-config/payara-server.sh").toAbsolutePath().toString()), env);
        assertThat(output).contains("ResetFlow is deployed").doesNotContain(dbPassword);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> status(http, domain.baseUri().resolve("/health")) == 200);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (domain != null) {
            domain.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (database != null) {
            database.update("DROP USER IF EXISTS '" + dbUser + "'@'127.0.0.1'");
            database.close();
        }
    }

    @Test
    @Order(1)
    void registerForgetTheLinkFromTheMailANewPasswordAndSignInWithIt() {
        email = Accounts.uniqueEmail("payara-server");
        WebClient web = new WebClient(domain.baseUri(), "127.0.0.1");
        assertThat(web.submit(web.get("/register"), "register", Map.of("email", email)).text()).contains(Accounts.SENT);
        String confirm = Mailbox.link(Mailbox.await(mail, email, Accounts.CONFIRM_MAIL, 1).get(0), "/finish-registration");
        WebClient.Page account = web.submit(web.get(confirm), "finish", Map.of(
                "displayName", "Server Person", "password", Accounts.PASSWORD, "confirmation", Accounts.PASSWORD));
        assertThat(account.uri().getPath()).as(account.text()).isEqualTo("/account");

        WebClient stranger = new WebClient(domain.baseUri(), "127.0.0.1");
        stranger.submit(stranger.get("/forgot-password"), "forgot", Map.of("email", email));
        MimeMessage linkMail = Mailbox.await(mail, email, LINK_MAIL, 1).get(0);
        String link = Mailbox.resetLink(linkMail);
        assertThat(link).startsWith(domain.baseUri() + "/reset-password");
        WebClient.Page set = stranger.submit(stranger.get(link), "reset",
                Map.of("password", NEW_PASSWORD, "confirmation", NEW_PASSWORD));
        assertThat(set.status()).as(set.text()).isEqualTo(200);

        assertThat(Accounts.isSignedIn(signIn(email, Accounts.PASSWORD))).as("the old password").isFalse();
        assertThat(Accounts.isSignedIn(signIn(email, NEW_PASSWORD))).as("the new password").isTrue();
    }

    @Test
    @Order(2)
    void failedSignInsAreLimitedOnThePayaraServersOwnDataGrid() throws Exception {
        String victim = Accounts.uniqueEmail("payara-server-limit");
        for (int i = 0; i < 10; i++) {
            assertThat(signInPage(victim, "wrong password " + i).text()).doesNotContain("Too many failed sign-ins");
        }
        assertThat(signInPage(victim, "wrong password 11").text()).contains("Too many failed sign-ins");
        assertThat(Files.readString(domain.serverLog())).contains("JSR107 Default Cache Manager Bound to JNDI at payara/CacheManager");
    }

    @Test
    @Order(3)
    void onlyTheApplicationAnswersOnThePublicListenerAndTheConsoleOnItsOwnPort() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(status(http, domain.baseUri().resolve("/metrics"))).isEqualTo(404);
        assertThat(status(http, domain.baseUri().resolve("/openapi"))).isEqualTo(404);
        assertThat(status(http, URI.create("http://127.0.0.1:" + opsPort + "/metrics"))).isEqualTo(200);
        HttpResponse<String> details = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + opsPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(details.body()).contains("\"checks\"");
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(domain.baseUri().resolve("/sign-in")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Server")).isEmpty();
        assertThat(page.headers().firstValue("X-Powered-By")).isEmpty();
        assertThat(page.body()).doesNotContain("Payara Server");
        assertThat(status(http, URI.create("http://127.0.0.1:" + domain.adminPort() + "/"))).as("the admin console").isIn(200, 202);
        assertThat(status(http, domain.baseUri().resolve("/common/index.jsf"))).as("no console on the public listener").isEqualTo(404);
        assertThat(Files.readString(domain.domainXml())).as("the database password is kept as an alias only")
                .doesNotContain(dbPassword).contains("${ALIAS=resetflow-db-password}");
    }

    @Test
    @Order(4)
    void runningTheScriptAgainRedeploysAndKeepsTheResourcesAndTheData() throws Exception {
        applySetUpScript();
        assertThat(Accounts.isSignedIn(signIn(email, NEW_PASSWORD))).isTrue();
        String pools = domain.asadmin(Map.of(), "list-jdbc-connection-pools");
        assertThat(pools.lines().map(String::strip).filter("resetflow-pool"::equals)).hasSize(1);
    }

    private static WebClient signIn(String address, String password) {
        WebClient web = new WebClient(domain.baseUri(), "127.0.0.1");
        web.submit(web.get("/sign-in"), "sign-in", Map.of("email", address, "password", password));
        return web;
    }

    private static WebClient.Page signInPage(String address, String password) {
        WebClient web = new WebClient(domain.baseUri(), "127.0.0.1");
        return web.submit(web.get("/sign-in"), "sign-in", Map.of("email", address, "password", password));
    }

    private static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static int status(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
