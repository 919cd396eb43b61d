package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ServerExtension.class)
class HomePageResourcesIT {

    @Test
    void homePageRendersThroughPrimeFacesAndEveryResourceLoads(TestServer server) {
        WebClient web = new WebClient(server);
        WebClient.Page home = web.get("/");

        assertThat(home.status()).isEqualTo(200);
        Document document = home.document();
        assertThat(document.title()).contains("ResetFlow");
        assertThat(document.select("div.ui-panel")).as("a PrimeFaces panel").isNotEmpty();

        List<String> resources = document.select("link[rel=stylesheet][href], script[src]").stream()
                .map(e -> e.hasAttr("href") ? e.absUrl("href") : e.absUrl("src"))
                .toList();
        assertThat(resources).anyMatch(url -> url.contains("ln=primefaces"));
        for (String resource : resources) {
            assertThat(web.get(resource).status()).as(resource).isEqualTo(200);
        }
    }

    @Test
    void pagesShowNoServerDetailsOrStackTraces(TestServer server) {
        WebClient web = new WebClient(server);
        for (String path : List.of("/", "/no-such-page", "/WEB-INF/web.xml", "/sign-in")) {
            WebClient.Page page = web.get(path);
            assertThat(page.body()).as(path)
                    .doesNotContainPattern("\\bat [\\w.$]+\\([\\w.]+:\\d+\\)")
                    .doesNotContain("Caused by").doesNotContain("Payara").doesNotContain("Mojarra");
            assertThat(page.header("Server")).as(path + " Server header").isEmpty();
            assertThat(page.header("X-Powered-By")).as(path + " X-Powered-By header").isEmpty();
        }
        assertThat(web.get("/no-such-page").status()).isEqualTo(404);
        Element heading = web.get("/no-such-page").document().selectFirst("h1");
        assertThat(heading).isNotNull();
        assertThat(heading.text()).isEqualTo("Page not found");
    }

    /** Of the server's own endpoints only the health check answers on the public listener. */
    @Test
    void healthCheckAnswersForLoadBalancers(TestServer server) {
        WebClient.Page health = new WebClient(server).get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }
}
