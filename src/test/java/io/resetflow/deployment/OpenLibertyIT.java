package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.resetflow.testing.Deployment;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.OpenLibertyServer;
import io.resetflow.testing.infrastructure.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The WAR this build made, unchanged, on Open Liberty (the runtime from Maven Central), set up by
 * {@code server-config/openliberty/server.xml} and {@code jvm.options} as an operator copies them, against MariaDB
 * and a real SMTP server. Booted once for all of these tests.
 */
@ExtendWith(ServerExtension.class)
class OpenLibertyIT {

    private static TestDatabase database;
    private static MailSink mail;
    private static OpenLibertyServer liberty;
    private static Deployment product;
    /** What a start without the tests' opt-out of an http address ended with. */
    private static Throwable httpRefused;

    @BeforeAll
    static void setUp(TestServer shared) throws Exception {
        database = shared.database().sibling("open_liberty");
        mail = new MailSink(Ports.free()).start();
        int httpPort = Ports.free();
        Map<String, String> env = TestServer.environment(database, mail.port(), httpPort);
        env.put("HTTP_PORT", Integer.toString(httpPort));
        // What a cluster of this server sets: limits and ended sign-ins in the database every node shares.
        env.put("THROTTLE_STORE", "database");
        Path war = Path.of(System.getProperty("it.war"));
        Path driver = Path.of(System.getProperty("it.server.dir"), "mysql-connector-j.jar");
        // First as an operator who forgot the address is http: no script stands between this server and the product.
        Map<String, String> withoutOptOut = new HashMap<>(env);
        withoutOptOut.remove("APP_ALLOW_HTTP");
        httpRefused = catchThrowable(() -> OpenLibertyServer.start(war, driver, withoutOptOut, Duration.ofMinutes(4)).close());
        liberty = OpenLibertyServer.start(war, driver, env, Duration.ofMinutes(4));
        product = Deployment.at(liberty.baseUri(), mail);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (liberty != null) {
            liberty.close();
        }
        if (mail != null) {
            mail.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void onOpenLibertyTheWholeStoryWorksInABrowser() throws Exception {
        ServerConformance.theWholeStoryInChromium(product, "open-liberty");
    }

    @Test
    void onOpenLibertyAForgedCrossSitePostIsRefused() throws Exception {
        ServerConformance.aForgedCrossSitePostIsRefused(product, database);
    }

    @Test
    void onOpenLibertyRateLimitsAndSignOutsAreKeptInTheDatabase() throws Exception {
        ServerConformance.rateLimitsAndSignOutsAreKeptInTheDatabase(product, database);
    }

    @Test
    void onOpenLibertyTheProductRefusesAnHttpAddressWithoutItsOptOut() {
        assertThat(httpRefused).as("a start with APP_BASE_URL http and no APP_ALLOW_HTTP").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("APP_BASE_URL must be the product's https address, not 'http://127.0.0.1:")
                .hasMessageContaining("(APP_ALLOW_HTTP=true opts out)");
    }

    @Test
    void onOpenLibertyEveryAnswerCarriesTheHeaderSet() {
        ServerConformance.everyAnswerCarriesTheHeaderSet(product);
    }

    @Test
    void onOpenLibertyPublicHealthIsTheProductsAndLibertysOwnEndpointsAreOnTheOperatorsListenerOnly() throws Exception {
        ServerConformance.publicHealthIsTheProductsAndTheServersEndpointsAreNotPublic(liberty.baseUri(), liberty.operatorsUri());
        assertThat(ServerConformance.get(liberty.operatorsUri().resolve("/metrics")).statusCode()).as("Liberty's metrics, for operators")
                .isEqualTo(200);
    }

    @Test
    void onOpenLibertyASessionEndedElsewhereGoesToSignInWithoutAnError() {
        ServerConformance.aSessionEndedElsewhereGoesToSignInWithoutAnError(product);
    }

    @Test
    void onOpenLibertyTheServerLogsNoError() {
        assertThat(liberty.errors()).isEmpty();
    }
}
