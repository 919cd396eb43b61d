package io.resetflow.deployment;

import static io.resetflow.testing.Browser.clickAndWaitFor;
import static io.resetflow.testing.Browser.fill;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Browser;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.HeaderSet;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the product must do on every server it supports, checked the same way on each: the story in a browser, a
 * forged cross-site post refused, the header set on pages and errors, health for load balancers on the public
 * listener and the server's own endpoints kept off it.
 */
final class ServerConformance {

    private static final String NEW_PASSWORD = "a new passphrase on another server";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerConformance() {
    }

    /**
     * In Chromium: register, follow the mailed link, choose a name and a password, sign out, forget, follow the reset
     * link, set a new password and sign in with it; the old password no longer works. Returns the address.
     */
    static String theWholeStoryInChromium(Deployment product, String tag) {
        String email = Accounts.uniqueEmail(tag);
        String base = product.baseUri().toString().replaceAll("/$", "");
        ChromeDriver person = Browser.start();
        try {
            person.get(base + "/register");
            fill(person, "register:email", email);
            clickAndWaitFor(person, "register:submit", "sent");
            MimeMessage confirmation = Mailbox.awaitSubject(product.mail(), email, Accounts.CONFIRM_MAIL);
            String registrationLink = Mailbox.link(confirmation, "/finish-registration");
            assertThat(registrationLink).as("a link to APP_BASE_URL").startsWith(base + "/finish-registration");
            person.get(registrationLink);
            fill(person, "finish:displayName", "Person of " + tag);
            fill(person, "finish:password", Accounts.PASSWORD);
            fill(person, "finish:confirmation", Accounts.PASSWORD);
            Browser.submit(person, "finish:submit", "/account");
            assertThat(person.findElement(By.id("signed-in-as")).getText()).contains("Person of " + tag);

            Browser.submit(person, "sign-out:submit", "/sign-in");
            person.findElement(By.id("forgot")).click();
            Browser.waitForPath(person, "/forgot-password");
            fill(person, "forgot:email", email);
            clickAndWaitFor(person, "forgot:submit", "sent");
            String resetLink = Mailbox.resetLink(ResetSteps.awaitLinkMails(product, email, 1).get(0));
            assertThat(resetLink).as("a link to APP_BASE_URL").startsWith(base + "/reset-password");
            person.get(resetLink);
            fill(person, "reset:password", NEW_PASSWORD);
            fill(person, "reset:confirmation", NEW_PASSWORD);
            Browser.submit(person, "reset:submit", "/sign-in");
            assertThat(person.findElement(By.tagName("body")).getText()).contains("Your password has been changed");

            fill(person, "sign-in:email", email);
            fill(person, "sign-in:password", NEW_PASSWORD);
            Browser.submit(person, "sign-in:submit", "/account");
            assertThat(person.findElement(By.id("signed-in-as")).getText()).contains("Person of " + tag);
        } finally {
            person.quit();
        }
        assertThat(Accounts.isSignedIn(Accounts.signIn(product, email, Accounts.PASSWORD))).as("the old password").isFalse();
        assertThat(Accounts.isSignedIn(Accounts.signIn(product, email, NEW_PASSWORD))).as("the new password").isTrue();
        return email;
    }

    /**
     * A session ended elsewhere (its password reset from another browser) is treated as signed out on every next
     * step, never with a server error: the account page, the sign-out form it still holds, and signing in again.
     */
    static void aSessionEndedElsewhereGoesToSignInWithoutAnError(Deployment product) {
        String email = Accounts.register(product, Accounts.uniqueEmail("ended-elsewhere"), Accounts.PASSWORD);
        WebClient earlier = Accounts.signIn(product, email, Accounts.PASSWORD);
        WebClient.Page account = earlier.get("/account");
        assertThat(account.text()).contains("You are signed in as");
        WebClient.PreparedPost signOut = earlier.prepare(account, "sign-out", Map.of());
        WebClient accountPage = Accounts.signIn(product, email, Accounts.PASSWORD);

        String link = ResetSteps.requestLink(product, email);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(product, link, NEW_PASSWORD));

        WebClient.Page again = earlier.get("/account");
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.uri().getPath()).isEqualTo("/sign-in");
        WebClient.Page signedOut = earlier.post(signOut.uri(), signOut.body());
        assertThat(signedOut.status()).as(signedOut.text()).isLessThan(500);
        assertThat(Accounts.isSignedIn(earlier)).isFalse();
        WebClient.Page other = accountPage.get("/account");
        assertThat(other.status()).as(other.text()).isEqualTo(200);
        assertThat(other.uri().getPath()).isEqualTo("/sign-in");
        assertThat(Accounts.signIn(earlier, email, NEW_PASSWORD).uri().getPath()).isEqualTo("/account");
    }

    /**
     * With {@code THROTTLE_STORE=database} the limits are counted, and sign-outs recorded, in the product's database,
     * where every node of a cluster reads them: the requests over an account's limit are not accepted, its bucket is a
     * row, and a sign-out leaves a record.
     */
    static void rateLimitsAndSignOutsAreKeptInTheDatabase(Deployment product, TestDatabase database) throws Exception {
        String email = Accounts.register(product, Accounts.uniqueEmail("database-store"), Accounts.PASSWORD);
        for (int i = 0; i < TestServer.RESET_REQUESTS_PER_ACCOUNT + 1; i++) {
            assertThat(ResetSteps.askForLink(product, email).text()).contains(ResetSteps.SENT);
        }
        database.awaitOutboxFinished();
        assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND canonical_email = ?",
                email)).as("requests accepted").isEqualTo(TestServer.RESET_REQUESTS_PER_ACCOUNT);
        assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_rate_bucket WHERE limit_name = 'RESET_REQUEST_PER_ACCOUNT' AND used = ?",
                TestServer.RESET_REQUESTS_PER_ACCOUNT)).as("spent account buckets").isPositive();

        long ended = database.queryLong("SELECT COUNT(*) FROM resetflow_ended_sign_in");
        WebClient web = Accounts.signIn(product, email, Accounts.PASSWORD);
        web.submit(web.get("/account"), "sign-out", Map.of());
        assertThat(Accounts.isSignedIn(web)).isFalse();
        assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_ended_sign_in")).as("ended sign-ins on record").isEqualTo(ended + 1);
    }

    /** A forgot-password post from another site gets the product's refusal and writes no outbox row. */
    static void aForgedCrossSitePostIsRefused(Deployment product, TestDatabase database) throws Exception {
        String email = Accounts.register(product, Accounts.uniqueEmail("cross-site"), Accounts.PASSWORD);
        WebClient web = new WebClient(product);
        WebClient.PreparedPost post = web.prepare(web.get("/forgot-password"), "forgot", Map.of("email", email));
        WebClient.Page answer = web.post(post.uri(), post.body(), Map.of("Sec-Fetch-Site", "cross-site", "Origin", "https://evil.example"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.document().selectFirst("h1").text()).isEqualTo("This form came from another site");
        HeaderSet.assertComplete("the refusal", answer);
        assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND canonical_email = ?",
                email)).as("reset requests recorded for the forged post").isZero();
    }

    /** Every page and every error the product answers carries the whole header set, and no server banner. */
    static void everyAnswerCarriesTheHeaderSet(Deployment product) {
        WebClient web = new WebClient(product);
        for (String path : List.of("/", "/sign-in", "/forgot-password", "/register", "/reset-password?token=not-a-token",
                "/no-such-page", "/health")) {
            WebClient.Page page = web.get(path);
            assertThat(page.status()).as(path).isIn(200, 404);
            assertThat(page.body()).as(path).doesNotContain("Exception").doesNotContain("Open Liberty").doesNotContain("WildFly");
            HeaderSet.assertComplete(path, page);
        }
    }

    /**
     * The public listener's health is the product's, the status alone; the server's own health, metrics and OpenAPI
     * are not there. The operators' listener holds the details.
     */
    static void publicHealthIsTheProductsAndTheServersEndpointsAreNotPublic(URI base, URI operators) throws Exception {
        for (String path : List.of("/health", "/health/ready", "/health/live")) {
            HttpResponse<String> health = get(base.resolve(path));
            assertThat(health.statusCode()).as(path).isEqualTo(200);
            assertThat(health.body()).as(path).isEqualTo("{\"status\":\"UP\"}");
        }
        for (String path : List.of("/metrics", "/openapi", "/openapi/ui", "/health/started")) {
            assertThat(get(base.resolve(path)).statusCode()).as("public " + path).isEqualTo(404);
        }
        HttpResponse<String> details = get(operators.resolve("/health"));
        assertThat(details.statusCode()).isEqualTo(200);
        assertThat(details.body()).contains("\"checks\"").contains("\"database\"").contains("\"outbox\"");
        assertThat(get(operators.resolve("/sign-in")).statusCode()).as("no pages on the operators' listener").isEqualTo(404);
    }

    /** The file the server deploys is the WAR this build made, byte for byte. */
    static void theDeployedWarIsTheBuildsOwn(Path deployed) throws Exception {
        assertThat(sha256(deployed)).isEqualTo(sha256(Path.of(System.getProperty("it.war"))));
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
