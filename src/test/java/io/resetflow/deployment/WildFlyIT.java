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
import java.time.Duration;
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
    private static TestDatabase.Account account;

    @BeforeAll
    static void setUp(TestServer shared) throws Exception {
        database = shared.database().sibling("wildfly");
        account = database.createAccount("rf_wf");
        mail = new MailSink(Ports.free()).start();
        int httpPort = Ports.free();
        Map<String, String> env = TestServer.environment(database, mail.port(), httpPort);
        env.put("HTTP_PORT", Integer.toString(httpPort));
        // What a cluster of this server sets: limits and ended sign-ins in the database every node shares.
        env.put("THROTTLE_STORE", "database");
        env.put("DB_USER", account.user());
        env.put("DB_PASSWORD", account.password());
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
            database.drop(account);
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
    void onWildFlyRateLimitsAndSignOutsAreKeptInTheDatabase() throws Exception {
        ServerConformance.rateLimitsAndSignOutsAreKeptInTheDatabase(product, database);
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
        assertThat(wildfly.log()).doesNotContain(account.password());
    }

    @Test
    void onWildFlyTheConfigurationHoldsNoSecret() throws Exception {
        assertThat(Files.readString(Path.of(System.getProperty("it.work.dir"), "wildfly/wildfly/standalone/configuration/standalone.xml")))
                .contains("${env.DB_PASSWORD}").doesNotContain(account.password());
    }
}
