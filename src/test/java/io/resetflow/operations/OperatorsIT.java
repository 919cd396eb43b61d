package io.resetflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What operators and load balancers see: health on both listeners, metrics on the operators' one only. */
@ExtendWith(ServerExtension.class)
class OperatorsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void thePublicListenerServesNoMetricsAndHealthAsStatusOnly(TestServer server) throws Exception {
        assertThat(get(server.uri("/metrics"), "text/plain").statusCode()).isEqualTo(404);
        assertThat(get(server.uri("/metrics/application"), "text/plain").statusCode()).isEqualTo(404);

        for (String path : new String[] {"/health", "/health/ready", "/health/live"}) {
            HttpResponse<String> health = get(server.uri(path), "application/json");
            assertThat(health.statusCode()).as(path).isEqualTo(200);
            assertThat(health.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
            assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    /**
     * Both listeners speak HTTP/1.1 only and name no server: a client that offers a cleartext upgrade to HTTP/2 (Java's
     * HTTP client does by default) stays on HTTP/1.1. The operators' listener took the upgrade before its settings
     * said otherwise.
     */
    @Test
    void neitherListenerTakesAnUpgradeToHttp2OrNamesTheServer(TestServer server) throws Exception {
        for (URI uri : List.of(server.uri("/health/ready"), server.operatorsUri().resolve("health/ready"))) {
            HttpResponse<String> answer = get(uri, "application/json");
            assertThat(answer.version()).as(uri.toString()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Server")).as(uri.toString()).isEmpty();
            assertThat(answer.headers().firstValue("X-Powered-By")).as(uri.toString()).isEmpty();
        }
    }

    /**
     * The application is served on two virtual servers (public and operators'), and the container announces its
     * start once for each; the schema migration and the background work must still start once.
     */
    @Test
    void startUpWorkRunsOnceAlthoughTwoListenersServeTheApplication(TestServer server) throws Exception {
        String log = Files.readString(server.log());
        assertThat(Pattern.compile("Successfully validated \\d+ migrations").matcher(log).results().count())
                .as("schema migrations at start").isEqualTo(1);
    }

    @Test
    void theOperatorsListenerShowsEveryCheckWithItsDetails(TestServer server) throws Exception {
        HttpResponse<String> ready = get(server.operatorsUri().resolve("health/ready"), "application/json");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"database\"", "\"mail-server\"", "\"outbox\"", "\"rate-limits\"", "oldest_age_seconds");
        HttpResponse<String> live = get(server.operatorsUri().resolve("health/live"), "application/json");
        assertThat(live.body()).contains("\"mail-dispatcher\"").contains("UP");
    }

    @Test
    void theCountersMoveWithOneResetFlow(TestServer server) throws Exception {
        String email = Accounts.register(server, "metrics");
        server.awaitOutboxDelivered();
        String before = metrics(server);

        String link = ResetSteps.requestLink(server, email);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, link, "a password counted by the metrics"));
        server.awaitOutboxDelivered();
        String after = metrics(server);

        for (String series : new String[] {
                "resetflow_events_total{event=\"password_reset.requested\",kind=\"none\",mp_scope=\"application\",reason=\"none\"}",
                "resetflow_events_total{event=\"password_reset.token_issued\",kind=\"none\",mp_scope=\"application\",reason=\"none\"}",
                "resetflow_events_total{event=\"mail.sent\",kind=\"password_reset\",mp_scope=\"application\",reason=\"none\"}",
                "resetflow_events_total{event=\"password_reset.completed\",kind=\"none\",mp_scope=\"application\",reason=\"none\"}",
                "resetflow_events_total{event=\"mail.sent\",kind=\"notice\",mp_scope=\"application\",reason=\"none\"}",
                "resetflow_forgot_password_seconds_count{mp_scope=\"application\"}",
                "resetflow_reset_password_seconds_count{mp_scope=\"application\"}"}) {
            assertThat(value(after, series) - value(before, series)).as(series).isGreaterThanOrEqualTo(1);
        }
        HttpResponse<String> application = get(server.operatorsUri().resolve("metrics?scope=application"), "text/plain");
        assertThat(application.body()).contains("resetflow_events_total").doesNotContain("connection_pool");
        assertThat(after).contains("resetflow_outbox_unfinished{mp_scope=\"application\"}")
                .contains("resetflow_outbox_oldest_age_seconds{mp_scope=\"application\"}");
    }

    private static String metrics(TestServer server) throws Exception {
        HttpResponse<String> scrape = get(server.operatorsUri().resolve("metrics"), "text/plain");
        assertThat(scrape.statusCode()).isEqualTo(200);
        return scrape.body();
    }

    /** The value of one series in a Prometheus text scrape; 0 when absent. */
    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static HttpResponse<String> get(URI uri, String accept) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }
}
