package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures get calm, localised pages without any server detail. */
@ExtendWith(ServerExtension.class)
class ErrorPagesIT {

    @Test
    void unknownPagesAndServerInternalsAre404(TestServer server) {
        WebClient web = new WebClient(server);
        for (String path : new String[] {"/no-such-page", "/WEB-INF/web.xml", "/WEB-INF/templates/layout.xhtml", "/META-INF/MANIFEST.MF"}) {
            WebClient.Page page = web.get(path);
            assertThat(page.status()).as(path).isEqualTo(404);
            assertThat(page.text()).as(path).contains("There is no page at this address.");
            HostileInputIT.assertSafe(page, path);
        }
    }

    @Test
    void unsupportedMethodsGetACalmAnswer(TestServer server) {
        WebClient web = new WebClient(server);
        for (String method : new String[] {"PUT", "DELETE", "PATCH", "TRACE"}) {
            WebClient.Page page = web.request(method, "/login");
            assertThat(page.status()).as(method).isEqualTo(405);
            assertThat(page.header("Allow")).as(method).hasValue("GET, HEAD, POST");
            HostileInputIT.assertSafe(page, method);
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSite(TestServer server) {
        WebClient.Page login = new WebClient(server).get("/login");
        assertThat(login.header("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax"));
    }

    @Test
    void everyPageCarriesTheSecurityHeadersAndNoBanner(TestServer server) {
        WebClient web = new WebClient(server);
        for (String path : new String[] {"/", "/login", "/register", "/forgot-password", "/reset-password", "/no-such-page"}) {
            WebClient.Page page = web.get(path);
            assertThat(page.header("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("frame-ancestors 'none'").contains("default-src 'self'"));
            assertThat(page.headers().allValues("Content-Security-Policy")).as(path + " nonce policy")
                    .anyMatch(csp -> csp.contains("script-src 'self' 'nonce-") || path.equals("/no-such-page"));
            assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.header("Cache-Control")).hasValue("no-store");
            assertThat(page.header("Server")).isEmpty();
            assertThat(page.header("X-Powered-By")).isEmpty();
            assertThat(page.header("Strict-Transport-Security")).as("plain http base URL").isEmpty();
        }
    }
}
