package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Browser;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.OtherSite;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A link on another site that points a visitor's browser at one of our forms, its fields in the query with a
 * made-up stateless view state and nonce, as an attacker writes one: following it runs no form, whatever the form
 * and whether or not the visitor has a session. The visitor clicks the link in Chromium; the other site is served
 * under a host name of its own, so the browser sends what it sends for another site.
 */
@ExtendWith(ServerExtension.class)
class CrossSiteGetPageIT {

    private static final String ATTACKERS_PASSWORD = "the attacker chose this passphrase";

    private static OtherSite otherSite;

    @BeforeAll
    static void startTheOtherSite() throws Exception {
        otherSite = OtherSite.start();
    }

    @AfterAll
    static void stopTheOtherSite() {
        otherSite.close();
    }

    @Test
    void aLinkThatSignsTheVisitorIntoTheSendersAccountSignsNobodyIn(TestServer server) {
        String attackers = Accounts.register(server, "login-csrf-attacker");
        String link = formAsGet(new WebClient(server).get("/sign-in"), "sign-in",
                Map.of("email", attackers, "password", Accounts.PASSWORD));

        ChromeDriver visitor = Browser.startBesides(otherSite);
        try {
            follow(visitor, "/sign-in-link", link);

            assertThat(signedIn(visitor, server)).as("signed in by a link on another site").isFalse();
        } finally {
            visitor.quit();
        }
    }

    @Test
    void aLinkThatAsksForAResetLinkSendsNothing(TestServer server) {
        String email = Accounts.register(server, "forgot-by-get");

        followInAFreshBrowser(formAsGet(new WebClient(server).get("/forgot-password"), "forgot", Map.of("email", email)));

        server.awaitOutboxDelivered();
        assertThat(ResetSteps.linkMails(server, email)).isEmpty();
    }

    @Test
    void aLinkThatAsksForARegistrationSendsNothing(TestServer server) {
        String email = Accounts.uniqueEmail("register-by-get");

        followInAFreshBrowser(formAsGet(new WebClient(server).get("/register"), "register", Map.of("email", email)));

        server.awaitOutboxDelivered();
        assertThat(Mailbox.to(server.mail(), email)).isEmpty();
    }

    @Test
    void aLinkThatSetsANewPasswordWhileTheVisitorHoldsAResetLinkChangesNothing(TestServer server) {
        String email = Accounts.register(server, "reset-by-get");
        String resetLink = ResetSteps.requestLink(server, email);
        // The form's fields as anyone sees them who opens a reset link of their own.
        ResetSteps.OpenedLink own = ResetSteps.openNewAccountsLink(server, "reset-by-get-attacker");
        String link = formAsGet(own.form(), "reset", Map.of("password", ATTACKERS_PASSWORD, "confirmation", ATTACKERS_PASSWORD));

        followWhileHoldingAMailedLink(resetLink, "reset", link);

        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, ATTACKERS_PASSWORD))).as("the sender's password").isFalse();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, Accounts.PASSWORD))).as("the old password").isTrue();
    }

    @Test
    void aLinkThatFinishesARegistrationWhileTheVisitorHoldsItsLinkCreatesNoAccount(TestServer server) throws Exception {
        String email = Accounts.uniqueEmail("finish-by-get");
        String registrationLink = Accounts.requestRegistrationLink(server, email);
        WebClient attacker = new WebClient(server);
        WebClient.Page ownForm = attacker.get(Accounts.requestRegistrationLink(server, Accounts.uniqueEmail("finish-by-get-attacker")));
        String link = formAsGet(ownForm, "finish",
                Map.of("displayName", "Mallory", "password", ATTACKERS_PASSWORD, "confirmation", ATTACKERS_PASSWORD));

        followWhileHoldingAMailedLink(registrationLink, "finish", link);

        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user WHERE canonical_email = ?", email)).isZero();
    }

    @Test
    void aLinkThatSignsTheVisitorOutLeavesThemSignedIn(TestServer server) {
        String email = Accounts.register(server, "sign-out-by-get");
        WebClient.Page account = Accounts.signIn(server, Accounts.register(server, "sign-out-by-get-attacker"), Accounts.PASSWORD).get("/account");
        String link = formAsGet(account, "sign-out", Map.of());

        ChromeDriver visitor = Browser.startBesides(otherSite);
        try {
            visitor.get(server.uri("/sign-in").toString());
            Browser.fill(visitor, "sign-in:email", email);
            Browser.fill(visitor, "sign-in:password", Accounts.PASSWORD);
            Browser.submit(visitor, "sign-in:submit", "/account");

            follow(visitor, "/sign-out-link", link);

            assertThat(signedIn(visitor, server)).as("still signed in").isTrue();
        } finally {
            visitor.quit();
        }
    }

    /** The form's post written as a GET link, as another site writes it: a stateless view state and a made-up nonce. */
    private static String formAsGet(WebClient.Page page, String formId, Map<String, String> fields) {
        Map<String, String> query = WebClient.formValues(page, formId, fields);
        query.put("jakarta.faces.ViewState", "stateless");
        query.put("primefaces.nonce", "bWFkZS11cA==");
        return WebClient.formAction(page, formId) + "?" + WebClient.encode(query);
    }

    /** A visitor without a session follows the link from the other site. */
    private static void followInAFreshBrowser(String link) {
        ChromeDriver visitor = Browser.startBesides(otherSite);
        try {
            follow(visitor, "/link-" + Integer.toHexString(link.hashCode()), link);
        } finally {
            visitor.quit();
        }
    }

    /** A visitor opens a mailed link of theirs (its form shows), then follows the link from the other site. */
    private static void followWhileHoldingAMailedLink(String mailedLink, String formId, String link) {
        ChromeDriver visitor = Browser.startBesides(otherSite);
        try {
            visitor.get(mailedLink);
            assertThat(visitor.findElements(By.id(formId))).as("the visitor's form").isNotEmpty();
            follow(visitor, "/link-" + formId, link);
        } finally {
            visitor.quit();
        }
    }

    /** The visitor opens the other site's page and clicks its link to ours. */
    private static void follow(ChromeDriver visitor, String path, String link) {
        visitor.get(otherSite.linkPage(path, link).toString());
        visitor.findElement(By.id("link")).click();
        Browser.waitUntil(visitor, d -> !URI.create(d.getCurrentUrl()).getHost().equals(OtherSite.HOST)
                && "complete".equals(visitor.executeScript("return document.readyState")));
    }

    private static boolean signedIn(ChromeDriver visitor, TestServer server) {
        visitor.get(server.uri("/account").toString());
        return URI.create(visitor.getCurrentUrl()).getPath().equals("/account");
    }
}
