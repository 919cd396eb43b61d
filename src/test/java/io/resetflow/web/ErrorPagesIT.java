package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.HeaderSet;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Failures get calm, localised pages without any server detail. */
@ExtendWith(ServerExtension.class)
class ErrorPagesIT {

    @Test
    void unknownPagesServerInternalsAndServerEndpointsAre404(TestServer server) {
        WebClient web = new WebClient(server);
        for (String path : new String[] {"/no-such-page", "/WEB-INF/web.xml", "/WEB-INF/templates/layout.xhtml", "/META-INF/MANIFEST.MF",
                "/metrics", "/metrics/base", "/openapi", "/openapi/"}) {
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
            WebClient.Page page = web.request(method, "/sign-in");
            assertThat(page.status()).as(method).isEqualTo(405);
            assertThat(page.header("Allow")).as(method).hasValue("GET, HEAD, POST");
            HostileInputIT.assertSafe(page, method);
        }
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSite(TestServer server) {
        // A session begins where there is something to keep: here, when a reset link is opened.
        String link = ResetSteps.requestLink(server, Accounts.register(server, "cookie"));
        WebClient.Page opened = new WebClient(server).request("GET", link);
        assertThat(opened.header("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                        .as("SameSite once").matches("(?is)(?:(?!samesite).)*samesite(?:(?!samesite).)*"));
    }

    @Test
    void everyPageCarriesTheSecurityHeadersAndNoBanner(TestServer server) {
        WebClient web = new WebClient(server);
        for (String path : new String[] {"/", "/sign-in", "/register", "/forgot-password", "/reset-password"}) {
            WebClient.Page page = web.get(path);
            assertSecurityHeaders(page, path);
            assertThat(page.headers().allValues("Content-Security-Policy")).as(path + ": PrimeFaces' nonce policy")
                    .anyMatch(csp -> csp.contains("script-src 'self' 'nonce-"));
        }
        // The 404 page has no form and comes without PrimeFaces' nonce policy; our own policy is on it.
        assertSecurityHeaders(web.get("/no-such-page"), "/no-such-page");
    }

    /** The sign-in mechanism answers before any filter runs; its redirect carries the same headers. */
    @Test
    void protectedPageRedirectsToSignInWithTheSecurityHeaders(TestServer server) {
        WebClient.Page redirect = new WebClient(server).request("GET", "/account");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/sign-in"));
        assertSecurityHeaders(redirect, "/account");
    }

    /**
     * The session ended while a page that needs it stayed open (pages without a session keep nothing that could
     * expire): the post gets a calm page with a way back, and changes nothing.
     */
    @Test
    void pageOpenLongerThanItsSessionGetsTheExpiredPage(TestServer server) throws Exception {
        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "expired-view");
        long versionBefore = server.database().queryLong("SELECT session_version FROM resetflow_app_user WHERE canonical_email = ?", opened.email());
        opened.web().forgetSession();
        String password = "a new password after the session ended";
        WebClient.Page answer = opened.web().submit(opened.form(), "reset", Map.of("password", password, "confirmation", password));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("This page has expired").contains("Load it again");
        assertThat(answer.document().select("#open-again").attr("href")).isEqualTo("/reset-password");
        HostileInputIT.assertSafe(answer, "expired view");
        assertThat(server.database().queryLong("SELECT session_version FROM resetflow_app_user WHERE canonical_email = ?", opened.email()))
                .as("password unchanged").isEqualTo(versionBefore);
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link t WHERE t.purpose = 'password_reset'"
                + " AND t.canonical_email = ? AND t.used_at IS NULL", opened.email())).as("the link still works").isEqualTo(1);
    }

    /**
     * A real failure on the server's side (the accounts table gone for a moment) during sign-in: the calm 500
     * page without detail, not "wrong password", and no failed attempt counted against the person.
     */
    @Test
    void serverFailureGetsTheCalmErrorPage(TestServer server) throws Exception {
        String email = Accounts.register(server, "outage");
        WebClient web = new WebClient(server);
        WebClient.Page signInPage = web.get("/sign-in");
        server.database().update("RENAME TABLE resetflow_app_user TO app_user_unavailable");
        WebClient.Page answer;
        try {
            answer = web.submit(signInPage, "sign-in", Map.of("email", email, "password", Accounts.PASSWORD));
        } finally {
            server.database().update("RENAME TABLE app_user_unavailable TO resetflow_app_user");
        }

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.text()).contains("Something went wrong on our side");
        assertThat(answer.body()).doesNotContainPattern("\\bat [\\w.$]+\\([\\w.]+:\\d+\\)").doesNotContain("Caused by")
                .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("sql").doesNotContain("resetflow_app_user");
        assertSecurityHeaders(answer, "500");
        assertThat(Files.readString(server.log())).doesNotContain("AUDIT sign_in.failed client=" + web.clientAddress());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Files.readString(server.log()))
                .as("the operator learns what the visitor was not told").contains("Answered 500 to POST /sign-in"));
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, Accounts.PASSWORD))).as("works again afterwards").isTrue();
    }

    private static void assertSecurityHeaders(WebClient.Page page, String path) {
        HeaderSet.assertComplete(path, page);
    }
}
