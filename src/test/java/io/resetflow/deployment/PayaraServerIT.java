package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.AdminConsole;
import io.resetflow.testing.infrastructure.PayaraServerDomain;
import io.resetflow.testing.infrastructure.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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

    private static final String NEW_PASSWORD = "a new and rather long passphrase";
    private static final String MAIL_FROM = "ResetFlow <no-reply@resetflow.test>";

    private static PayaraServerDomain domain;
    private static PayaraServerDomain consoleDomain;
    private static Deployment scripted;
    private static Deployment consoleSetUp;
    private static TestDatabase database;
    private static MailSink mail;
    private static TestDatabase.Account account;
    private static int opsPort;
    private static String email;

    @BeforeAll
    static void setUp(TestServer shared) throws Exception {
        database = shared.database().sibling("payara_server");
        account = database.createAccount("rf_ps");
        mail = new MailSink(Ports.free()).start();
        domain = PayaraServerDomain.start("scripted");
        opsPort = Ports.free();
        applySetUpScript(Path.of(System.getProperty("it.war")));
        scripted = Deployment.at(domain.baseUri(), mail);
        consoleDomain = PayaraServerDomain.start("console");
        setUpThroughTheConsole(consoleDomain);
        consoleSetUp = Deployment.at(consoleDomain.baseUri(), mail);
    }

    /**
     * What an administrator does in the admin console, step by step (the README's "Deploying on Payara Server"
     * follows these steps and shows some of their screenshots): the database password as an alias, the connection
     * pool with its wizard, connection validation, the JDBC resource, the JavaMail session,
     * the product's base URL as a system property, and the WAR deployed at the root.
     */
    private static void setUpThroughTheConsole(PayaraServerDomain target) throws Exception {
        target.asadmin(Map.of(), "add-library", Path.of(System.getProperty("it.server.dir"), "mysql-connector-j.jar").toString());
        Path shots = Path.of(System.getProperty("it.work.dir")).getParent().resolve("screenshots/payara-console");
        try (AdminConsole console = new AdminConsole(URI.create("http://127.0.0.1:" + target.adminPort() + "/"), shots)) {
            console.openHome().screenshot("common-tasks");

            console.press("List Password Aliases").press("New...").await("New Password Alias")
                    .type(":aliasNameNew", "resetflow-db-password").type(":NewPassword", account.password()).type(":ConfirmPassword", account.password())
                    .screenshot("password-alias").press("OK").await("resetflow-db-password");

            console.openHome().press("Create New JDBC Connection Pool").await("Step 1 of 2")
                    .type(":jndiProp:name", "resetflow-pool").choose(":resTypeProp:resType", "javax.sql.DataSource")
                    .type(":dbProp:dbField", "MySQL").screenshot("pool-step-1").press("Next").await("Step 2 of 2")
                    .type(":dsProp:datasourceField", "com.mysql.cj.jdbc.MysqlDataSource").type(":initSizeProp:ds", "2")
                    .choose(":transProp:transIso", "read-committed")
                    .fillProperties("basicTable", Map.of("serverName", database.host(), "portNumber", String.valueOf(database.port()),
                            "databaseName", database.name(), "user", account.user(), "password", "${ALIAS=resetflow-db-password}"))
                    .addProperties("basicTable", Map.of("characterEncoding", "UTF-8", "connectionTimeZone", "UTC",
                            "forceConnectionTimeZoneToSession", "true", "sslMode", "DISABLED", "useLocalSessionState", "true",
                            "cachePrepStmts", "true", "prepStmtCacheSqlLimit", "2048", "openTelemetry", "DISABLED"))
                    .screenshot("pool-step-2").press("Finish").await("JDBC Connection Pools").screenshot("pools");

            // The pool's Advanced tab cannot save a validation class name in this console (its script fails:
            // "webui is not defined"); the server's REST interface, in the same browser, takes it. Its form posts
            // to the address the server names itself by on that connection: "localhost" for 127.0.0.1, which a
            // browser holds to be another origin, but [::1] for [::1]; so the page is opened at [::1], or at localhost
            // on a machine without IPv6, where the browser then reaches 127.0.0.1 by that name.
            console.open(URI.create("http://" + loopbackName(target.adminPort()) + ":" + target.adminPort()
                    + "/management/domain/resources/jdbc-connection-pool/resetflow-pool"))
                    .fillForm("ajaxFormUpdate", Map.of("isConnectionValidationRequired", "true", "failAllConnections", "true",
                            "connectionValidationMethod", "custom-validation",
                            "validationClassname", "org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation"));
            console.press("Update").await("updated successfully").screenshot("pool-validation");

            console.openHome().link("JDBC").link("JDBC Resources").press("New...").await("New JDBC Resource")
                    .type(":nameNew:name", "jdbc/resetflow").choose(":poolNameProp:PoolName", "resetflow-pool")
                    .screenshot("jdbc-resource").press("OK").await("jdbc/resetflow");

            console.openHome().link("JavaMail Sessions").press("New...").await("New JavaMail Session")
                    .type(":nameNew:name", "mail/resetflow").type(":hostProp:host", "127.0.0.1").type(":userProp:user", "resetflow")
                    .type(":fromProp:from", MAIL_FROM)
                    .addProperties("basicTable", mailProperties())
                    .screenshot("javamail-session").press("OK").await("mail/resetflow");

            console.openHome().link("server-config").link("System Properties").await("Additional Properties")
                    .addProperties("basicTable", Map.of("app.base-url", target.baseUri().toString(), "app.allow-http", "true"))
                    .screenshot("system-properties").press("Save").await("New values successfully saved");

            console.openHome().press("Deploy an Application").intoFrame().upload(Path.of(System.getProperty("it.war")))
                    .await("Context Root").type(":cxp:ctx", "/").screenshot("deploy").press("OK");
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> target.asadmin(Map.of(), "list-applications").contains("resetflow"));
            console.openHome().link("Applications").await("resetflow").screenshot("applications");
        }
        awaitHealthy(target);
    }

    private static String loopbackName(int port) {
        try (java.net.Socket ignored = new java.net.Socket(java.net.InetAddress.getByName("::1"), port)) {
            return "[::1]";
        } catch (java.io.IOException noIpv6) {
            return "localhost";
        }
    }

    /** The JavaMail session's properties, as mail-session.asadmin and payara-server.sh set them. */
    private static Map<String, String> mailProperties() {
        return Map.of("mail-smtp-host", "127.0.0.1", "mail-smtp-port", String.valueOf(mail.port()), "mail-smtp-auth", "false",
                "mail-smtp-starttls-enable", "false", "mail-smtp-starttls-required", "false",
                "mail-smtp-connectiontimeout", "10000", "mail-smtp-timeout", "20000", "mail-smtp-writetimeout", "20000");
    }

    /** Runs server-config/payara-server.sh with every value in its environment, as the README says. */
    private static void applySetUpScript(Path war) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("ASADMIN", domain.asadminPath().toString());
        env.put("AS_ADMIN_PORT", String.valueOf(domain.adminPort()));
        env.put("DOMAIN_DIR", domain.domainsDir().toString());
        env.put("DOMAIN_NAME", domain.name());
        env.put("APP_WAR", war.toString());
        env.put("JDBC_DRIVER_JAR", Path.of(System.getProperty("it.server.dir"), "mysql-connector-j.jar").toString());
        env.put("APP_BASE_URL", domain.baseUri().toString());
        // The test's domain is served on http: opted out explicitly, as the product refuses an http address otherwise.
        env.put("APP_ALLOW_HTTP", "true");
        env.put("DB_HOST", database.host());
        env.put("DB_PORT", String.valueOf(database.port()));
        env.put("DB_NAME", database.name());
        env.put("DB_USER", account.user());
        env.put("DB_PASSWORD", account.password());
        env.put("DB_SSL_MODE", "DISABLED");
        env.put("SMTP_HOST", "127.0.0.1");
        env.put("SMTP_PORT", String.valueOf(mail.port()));
        env.put("MAIL_FROM", MAIL_FROM);
        env.put("OPS_PORT", String.valueOf(opsPort));
        String output = domain.run(List.of("bash", Path.of("server-config/payara-server.sh").toAbsolutePath().toString()), env);
        assertThat(output).contains("ResetFlow is deployed").doesNotContain(account.password());
        awaitHealthy(domain);
    }

    private static void awaitHealthy(PayaraServerDomain target) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> status(http, target.baseUri().resolve("/health")) == 200);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (consoleDomain != null) {
            consoleDomain.close();
        }
        if (domain != null) {
            domain.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (database != null) {
            database.drop(account);
            database.close();
        }
    }

    @Test
    @Order(1)
    void setUpByTheScriptTheWholeFlowWorks() {
        email = theWholeFlowWorksOn(scripted);
    }

    @Test
    @Order(2)
    void setUpInTheAdminConsoleTheWholeFlowWorks() {
        theWholeFlowWorksOn(consoleSetUp);
    }

    /** Register, forget, the link from the mail, a new password, and signing in with it; returns the address. */
    private static String theWholeFlowWorksOn(Deployment product) {
        String address = Accounts.register(product, Accounts.uniqueEmail("payara-server"), Accounts.PASSWORD);
        String link = ResetSteps.requestLink(product, address);
        assertThat(link).as("a link to APP_BASE_URL").startsWith(product.baseUri() + "/reset-password");
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(product, link, NEW_PASSWORD));

        assertThat(Accounts.isSignedIn(Accounts.signIn(product, address, Accounts.PASSWORD))).as("the old password").isFalse();
        assertThat(Accounts.isSignedIn(Accounts.signIn(product, address, NEW_PASSWORD))).as("the new password").isTrue();
        return address;
    }

    @Test
    @Order(3)
    void failedSignInsAreLimitedInThePayaraServersOwnDataGrid() throws Exception {
        String victim = Accounts.uniqueEmail("payara-server-limit");
        WebClient stranger = new WebClient(scripted);
        for (int i = 0; i < 10; i++) {
            assertThat(Accounts.signIn(stranger, victim, "wrong password " + i).text()).doesNotContain("Too many failed sign-ins");
        }
        assertThat(Accounts.signIn(stranger, victim, "wrong password 11").text()).contains("Too many failed sign-ins");
        assertThat(domain.asadmin(Map.of(), "list-caches")).as("the server's data grid holds the limits")
                .contains("JCache resetflow-throttle");
    }

    @Test
    @Order(4)
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
                .doesNotContain(account.password()).contains("${ALIAS=resetflow-db-password}");
    }

    @Test
    @Order(5)
    void theScriptMakesTheSameResourcesAsTheConsole() throws Exception {
        for (String resource : List.of("resources.jdbc-connection-pool.resetflow-pool.*", "resources.jdbc-resource.jdbc/resetflow.*",
                "resources.mail-resource.mail/resetflow.*")) {
            assertThat(listing(domain, resource)).as(resource).containsExactlyInAnyOrderEntriesOf(listing(consoleDomain, resource));
        }
    }

    /** The server's own listing of a resource's attributes and properties, as name → value. */
    private static Map<String, String> listing(PayaraServerDomain target, String pattern) throws Exception {
        Map<String, String> values = new java.util.TreeMap<>();
        for (String line : target.asadmin(Map.of(), "get", pattern).lines().toList()) {
            int equals = line.indexOf('=');
            // An attribute listed empty is one not set (the console stores an empty driver class name; asadmin none).
            if (equals > 0 && equals < line.length() - 1 && line.startsWith("resources.")) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        assertThat(values).as(pattern).isNotEmpty();
        return values;
    }

    @Test
    @Order(6)
    void aNewerWarRedeployedByTheScriptKeepsTheResourcesTheAccountsAndAPendingResetLink() throws Exception {
        String pendingLink = ResetSteps.requestLink(scripted, email);

        applySetUpScript(newerWar());

        assertThat(Accounts.isSignedIn(Accounts.signIn(scripted, email, NEW_PASSWORD))).as("the account, after the upgrade").isTrue();
        String third = "the third passphrase of this account";
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(scripted, pendingLink, third));
        assertThat(Accounts.isSignedIn(Accounts.signIn(scripted, email, third))).as("the link asked for before the upgrade").isTrue();
        String pools = domain.asadmin(Map.of(), "list-jdbc-connection-pools");
        assertThat(pools.lines().map(String::strip).filter("resetflow-pool"::equals)).hasSize(1);
    }

    /** The WAR with one more file: to the server, another release of the product. */
    private static Path newerWar() throws Exception {
        Path newer = Path.of(System.getProperty("it.work.dir")).resolve("resetflow-newer.war");
        Files.copy(Path.of(System.getProperty("it.war")), newer, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (java.nio.file.FileSystem war = java.nio.file.FileSystems.newFileSystem(newer)) {
            Files.writeString(war.getPath("META-INF", "resetflow-release.txt"), "a newer release\n");
        }
        return newer;
    }


    private static int status(HttpClient http, URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
