package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product behind a TLS-terminating proxy: with an https APP_BASE_URL, the session cookie is Secure and
 * host-only (the __Host- prefix), and browsers are told to use https only. (The node itself answers on
 * http here, as behind such a proxy.)
 */
@ExtendWith(ServerExtension.class)
class HttpsDeploymentIT {

    @Test
    void httpsBaseUrlMakesTheSessionCookieSecureAndHostOnlyAndEveryCookieSecure(TestServer server) throws Exception {
        try (PayaraMicroServer node = server.startNode("https", Map.of("APP_BASE_URL", "https://reset.example.test"))) {
            // A session begins where there is something to keep: here, when a reset link is opened on this node.
            URI link = URI.create(ResetSteps.requestLink(server, Accounts.register(server, "https-cookie")));
            WebClient.Page page = new WebClient(TestServer.at(node)).request("GET", link.getRawPath() + "?" + link.getRawQuery());

            assertThat(page.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                    .startsWith("__Host-JSESSIONID=").contains("Secure").contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                    .containsIgnoringCase("Path=/").doesNotContainIgnoringCase("Domain="));
            assertThat(page.header("Strict-Transport-Security")).hasValue("max-age=31536000; includeSubDomains");

            // Behind the proxy the request itself is plain http; the product's address decides, for every cookie.
            WebClient.Page chosen = new WebClient(TestServer.at(node)).request("GET", "/sign-in?lang=de");
            assertThat(chosen.header("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie).startsWith("lang=de").contains("Secure"));
        }
    }
}
