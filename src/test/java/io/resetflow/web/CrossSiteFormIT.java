package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Another site's forms cannot post to ours, whether or not the visitor is signed in: what the browser says about
 * where a post comes from decides, before anything is done. Each form is posted as a browser would send it from
 * another site, and nothing changes; then from our own page, where it works.
 */
@ExtendWith(ServerExtension.class)
class CrossSiteFormIT {

    /** How browsers describe a post made by another site's page. */
    private static final Map<String, Map<String, String>> FOREIGN = new LinkedHashMap<>();

    static {
        FOREIGN.put("another site", Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"));
        FOREIGN.put("a sibling subdomain", Map.of("Sec-Fetch-Site", "same-site", "Origin", "https://evil.reset.example"));
        FOREIGN.put("another site, in a browser without Fetch Metadata", Map.of("Origin", "https://evil.example"));
        FOREIGN.put("a sandboxed frame or a data: page", Map.of("Origin", "null"));
    }

    /** What Chromium sends with a post from our own page (Origin is null because pages send no referrer). */
    private static final Map<String, String> OWN_PAGE = Map.of("Sec-Fetch-Site", "same-origin", "Origin", "null");

    @Test
    void forgotPasswordFromAnotherSiteRequestsNoLink(TestServer server) throws Exception {
        String email = Accounts.register(server, "cross-site-forgot");
        WebClient web = new WebClient(server);
        WebClient.PreparedPost post = web.prepare(web.get("/forgot-password"), "forgot", Map.of("email", email));

        FOREIGN.forEach((from, headers) -> assertRefused(web.post(post.uri(), post.body(), headers), from));
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND canonical_email = ?", email))
                .as("no link requested").isZero();

        assertThat(web.post(post.uri(), post.body(), OWN_PAGE).text()).contains(ResetSteps.SENT);
        WebClient.PreparedPost again = web.prepare(web.get("/forgot-password"), "forgot", Map.of("email", email));
        assertThat(web.post(again.uri(), again.body(), Map.of("Origin", server.baseUri().toString().replaceAll("/$", ""))).text())
                .as("a browser without Fetch Metadata posting from our own origin").contains(ResetSteps.SENT);
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND canonical_email = ?", email))
                .isEqualTo(2);
    }

    @Test
    void signInFromAnotherSiteSignsNobodyIn(TestServer server) {
        String email = Accounts.register(server, "cross-site-sign-in");
        Map<String, String> fields = Map.of("email", email, "password", Accounts.PASSWORD);
        FOREIGN.forEach((from, headers) -> {
            WebClient web = new WebClient(server);
            WebClient.PreparedPost post = web.prepare(web.get("/sign-in"), "sign-in", fields);
            assertRefused(web.post(post.uri(), post.body(), headers), from);
            assertThat(web.cookie("JSESSIONID")).as(from + ": no session").isEmpty();
            assertThat(Accounts.isSignedIn(web)).as(from).isFalse();
        });
        WebClient web = new WebClient(server);
        WebClient.PreparedPost post = web.prepare(web.get("/sign-in"), "sign-in", fields);
        assertThat(web.post(post.uri(), post.body(), OWN_PAGE).uri().getPath()).isEqualTo("/account");
    }

    @Test
    void registrationFromAnotherSiteMailsNobody(TestServer server) throws Exception {
        String email = Accounts.uniqueEmail("cross-site-register");
        WebClient web = new WebClient(server);
        WebClient.PreparedPost post = web.prepare(web.get("/register"), "register", Map.of("email", email));

        FOREIGN.forEach((from, headers) -> assertRefused(web.post(post.uri(), post.body(), headers), from));
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'registration' AND canonical_email = ?", email))
                .as("no registration mail").isZero();

        assertThat(web.post(post.uri(), post.body(), OWN_PAGE).text()).contains(Accounts.SENT);
    }

    @Test
    void signOutFromAnotherSiteLeavesTheSessionSignedIn(TestServer server) {
        WebClient web = Accounts.signIn(server, Accounts.register(server, "cross-site-sign-out"), Accounts.PASSWORD);
        WebClient.PreparedPost post = web.prepare(web.get("/account"), "sign-out", Map.of());

        FOREIGN.forEach((from, headers) -> {
            assertRefused(web.post(post.uri(), post.body(), headers), from);
            assertThat(Accounts.isSignedIn(web)).as(from).isTrue();
        });
        web.post(post.uri(), post.body(), OWN_PAGE);
        assertThat(Accounts.isSignedIn(web)).isFalse();
    }

    @Test
    void aNewPasswordFromAnotherSiteChangesNothingAndKeepsTheLink(TestServer server) throws Exception {
        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "cross-site-reset");
        String password = "a new password sent by another site";
        WebClient.PreparedPost post = opened.web().prepare(opened.form(), "reset", Map.of("password", password, "confirmation", password));
        String hashBefore = passwordHash(server, opened.email());

        FOREIGN.forEach((from, headers) -> assertRefused(opened.web().post(post.uri(), post.body(), headers), from));
        assertThat(passwordHash(server, opened.email())).isEqualTo(hashBefore);

        ResetSteps.assertLandedOnSignInWithSuccess(opened.web().post(post.uri(), post.body(), OWN_PAGE));
        assertThat(passwordHash(server, opened.email())).isNotEqualTo(hashBefore);
    }

    private static String passwordHash(TestServer server, String email) throws Exception {
        return server.database().queryString("SELECT password_hash FROM resetflow_app_user WHERE canonical_email = ?", email);
    }

    private static void assertRefused(WebClient.Page answer, String from) {
        assertThat(answer.status()).as(from).isEqualTo(403);
        assertThat(answer.document().selectFirst("h1").text()).as(from).isEqualTo("This form came from another site");
        assertThat(answer.text()).as(from).contains("Nothing was changed");
        assertThat(answer.header("Content-Security-Policy")).as(from).hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        HostileInputIT.assertSafe(answer, from);
    }
}
