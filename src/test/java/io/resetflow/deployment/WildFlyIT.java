package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Deployment;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.Ports;
import io.resetflow.testing.infrastructure.WildFlyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR this build made, unchanged, on WildFly (the distribution from Maven Central, its default configuration),
 * set up by {@code server-config/wildfly/resetflow.cli} with WildFly's own CLI, against MariaDB through a database
 * account of its own (WildFly takes no empty password) and a real SMTP server. Booted once for all of these tests.
 */
@ExtendWith(ServerExtension.class)
class WildFlyIT {

    private static TestDatabase database;
    private static MailSink mail;
    private static WildFlyServer wildfly;
    private static Deployment product;
    private static String dbUser;
    private static String dbPassword;

    @BeforeAll
    static void setUp(TestServer shared) throws Exception {
        database = shared.database().sibling("wildfly");
        dbUser = "rf_wf_" + ProcessHandle.current().pid();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        dbPassword = HexFormat.of().formatHex(secret);
        database.update("DROP USER IF EXISTS '" + dbUser + "'@'127.0.0.1'");
        database.update("CREATE USER '" + dbUser + "'@'127.0.0.1' IDENTIFIED BY '" + dbPassword + "'");
        database.update("GRANT ALL ON " + database.name() + ".* TO '" + dbUser + "'@'127.0.0.1'");
        mail = new MailSink(Ports.free()).start();
        int httpPort = Ports.free();
        Map<String, String> env = TestServer.environment(database, mail.port(), httpPort);
        env.put("HTTP_PORT", Integer.toString(httpPort));
        env.put("DB_USER", dbUser);
        env.put("DB_PASSWORD", dbPassword);
        Path serverDir = Path.of(System.getProperty("it.server.dir"));
        wildfly = WildFlyServer.start(Path.of(System.getProperty("it.war")), serverDir.resolve("mysql-connector-j.jar"),
                serverDir.resolve("eclipselink.jar"), env, Duration.ofMinutes(4));
        product = Deployment.at(wildfly.baseUri(), mail);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (wildfly != null) {
            wildfly.close();
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
    void onWildFlyTheWholeStoryWorksInABrowser() throws Exception {
        ServerConformance.theDeployedWarIsTheBuildsOwn(wildfly.deployedWar());
        ServerConformance.theWholeStoryInChromium(product, "wildfly");
    }

    @Test
    void onWildFlyAForgedCrossSitePostIsRefused() throws Exception {
        ServerConformance.aForgedCrossSitePostIsRefused(product, database);
    }

    @Test
    void onWildFlyEveryAnswerCarriesTheHeaderSet() {
        ServerConformance.everyAnswerCarriesTheHeaderSet(product);
    }

    @Test
    void onWildFlyPublicHealthIsTheProductsAndWildFlysOwnEndpointsAreOnTheManagementInterfaceOnly() throws Exception {
        ServerConformance.publicHealthIsTheProductsAndTheServersEndpointsAreNotPublic(wildfly.baseUri(), wildfly.operatorsUri());
        assertThat(ServerConformance.get(wildfly.baseUri().resolve("/wildfly-services")).statusCode()).as("no remote invocation")
                .isEqualTo(404);
    }

    @Test
    void onWildFlyASessionEndedElsewhereGoesToSignInWithoutAnError() {
        ServerConformance.aSessionEndedElsewhereGoesToSignInWithoutAnError(product);
    }

    @Test
    void onWildFlyTheServerLogsNoErrorAndNoSecret() {
        assertThat(wildfly.errors()).isEmpty();
        assertThat(wildfly.log()).doesNotContain(dbPassword);
    }

    @Test
    void onWildFlyTheConfigurationHoldsNoSecret() throws Exception {
        assertThat(Files.readString(Path.of(System.getProperty("it.work.dir"), "wildfly/wildfly/standalone/configuration/standalone.xml")))
                .contains("${env.DB_PASSWORD}").doesNotContain(dbPassword);
    }
}
