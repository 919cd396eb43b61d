package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import io.resetflow.web.FilterProtection;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Protection that cannot go missing quietly: the same WAR with its {@code web.xml} changed as a server that drops or
 * narrows filter mappings would see it, deployed on Payara Micro. With no filter mappings at all, the start's check
 * finds the protective filters unmapped; with the security headers' filter mapped to every path but to forwards and
 * errors only, the first page request finds that it did not run. Either way the product refuses to serve: one log
 * line saying which filters, every page 503 with nothing of the page in it, readiness DOWN, and a cross-site post
 * changes nothing.
 */
@ExtendWith(ServerExtension.class)
class UnprotectedDeploymentIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The whole of the product's answer while it refuses to serve (Payara's own 503 while it loads is another page). */
    private static final String REFUSED_PAGE = "This service is unavailable.\n";

    @Test
    void withoutItsFilterMappingsTheProductRefusesToServe(TestServer shared) throws Exception {
        Path war = rewrittenWar("unmapped", xml -> xml.replaceAll("(?s)\\s*<filter-mapping>.*?</filter-mapping>", ""));
        assertThat(webXml(war)).doesNotContain("<filter-mapping>").contains("<filter-name>CrossSiteFormFilter</filter-name>");

        List<String> refusals = refusesToServe(shared, "unmapped", war);

        assertThat(refusals.get(0)).contains("without their mapping", "SecurityHeadersFilter (not mapped to /*)",
                "CrossSiteFormFilter (not mapped to /*)", "SessionVersionFilter (not mapped to /*)", "MailedLinkFilter (no mapping)");
    }

    @Test
    void aProtectiveFilterThatDoesNotRunOnRequestsTurnsTheProductToRefusing(TestServer shared) throws Exception {
        String requestDispatch = """
                    <filter-mapping>
                        <filter-name>SecurityHeadersFilter</filter-name>
                        <url-pattern>/*</url-pattern>
                        <dispatcher>REQUEST</dispatcher>
                """;
        Path war = rewrittenWar("notrun", xml -> {
            assertThat(xml).contains(requestDispatch);
            return xml.replace(requestDispatch, requestDispatch.replace("        <dispatcher>REQUEST</dispatcher>\n", ""));
        });

        List<String> refusals = refusesToServe(shared, "notrun", war);

        assertThat(refusals.get(0)).contains("did not run on a request for", "SecurityHeadersFilter").doesNotContain("CrossSiteFormFilter");
    }

    /** Boots the WAR, checks every sign of a refusal to serve, and returns the refusal's log lines (exactly one). */
    private static List<String> refusesToServe(TestServer shared, String name, Path war) throws Exception {
        try (TestDatabase database = shared.database().sibling(name);
             PayaraMicroServer node = PayaraMicroServer.start(TestServer.nodeLaunch(name, database, Ports.free(), Map.of()).withWar(war),
                     TestServer.BOOT_TIMEOUT, home -> home.statusCode() == 503 && REFUSED_PAGE.equals(home.body()))) {
            for (String page : List.of("/", "/forgot-password", "/sign-in", "/register")) {
                HttpResponse<String> answer = get(node.baseUri().resolve(page));
                assertThat(answer.statusCode()).as(page).isEqualTo(503);
                assertThat(answer.body()).as(page).isEqualTo(REFUSED_PAGE);
            }
            HttpResponse<String> ready = get(node.baseUri().resolve("/health/ready"));
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\"}");
            // The operators' listener once answered a fresh node's first request with an empty body (in one full run of
            // many); it is asked until it answers with its checks, and what it said last is in the message.
            AtomicReference<HttpResponse<String>> detailed = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                detailed.set(get(node.operatorsUri().resolve("/health/ready")));
                assertThat(detailed.get().body()).as("the operators' listener: %d %s", detailed.get().statusCode(),
                        detailed.get().headers().map()).contains("\"name\":\"protection\",\"status\":\"DOWN\"");
            });
            assertThat(detailed.get().statusCode()).isEqualTo(503);

            HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(node.baseUri().resolve("/forgot-password"))
                    .header("Origin", "https://attacker.example").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("forgot=forgot&forgot%3Aemail=someone%40example.test")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).isEqualTo(503);
            assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox")).as("outbox rows after a forged post").isZero();

            List<String> refusals = Files.readAllLines(node.log(), StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(FilterProtection.REFUSAL)).toList();
            assertThat(refusals).as("refusal lines in the log").hasSize(1);
            return refusals;
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A copy of the WAR under test whose {@code WEB-INF/web.xml} is changed by {@code change}. */
    private static Path rewrittenWar(String name, UnaryOperator<String> change) throws IOException {
        Path original = Launch.forTests(name, 0, Map.of()).war();
        Path copy = Files.createDirectories(Path.of("target", "it", "wars")).resolve(name + ".war").toAbsolutePath();
        Files.copy(original, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem zip = FileSystems.newFileSystem(copy)) {
            Path webXml = zip.getPath("WEB-INF", "web.xml");
            Files.writeString(webXml, change.apply(Files.readString(webXml, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        }
        return copy;
    }

    private static String webXml(Path war) throws IOException {
        try (FileSystem zip = FileSystems.newFileSystem(war)) {
            return Files.readString(zip.getPath("WEB-INF", "web.xml"), StandardCharsets.UTF_8);
        }
    }
}
