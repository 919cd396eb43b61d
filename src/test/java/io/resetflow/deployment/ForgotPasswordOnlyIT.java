package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The product beside a site that has its own accounts and sign-in (HOST_SIGN_IN_URL set): only forgot-password is
 * served, our registration and sign-in pages answer 404, and every way back leads to the host's sign-in. The node
 * shares the run's database, where the accounts already are, and its mail server. It writes what a PHP site's
 * sign-in reads (bcrypt {@code $2y$}), as such a host would set it.
 */
@ExtendWith(ServerExtension.class)
class ForgotPasswordOnlyIT {

    private static final String HOST_SIGN_IN = "http://shop.example.test/login?next=%2Faccount";
    private static final String PRODUCT = "Example Shop";
    private static final String SUPPORT = "help@shop.example.test";

    private static PayaraMicroServer node;
    private static Deployment product;

    @BeforeAll
    static void start(TestServer server) throws Exception {
        node = server.startNode("forgot-only", Map.of("HOST_SIGN_IN_URL", HOST_SIGN_IN, "APP_PRODUCT_NAME", PRODUCT,
                "APP_SUPPORT_ADDRESS", SUPPORT, "PASSWORD_WRITE_FORMAT", "bcrypt", "PASSWORD_HASH_BCRYPT_COST", "10"));
        product = Deployment.at(node.baseUri(), server.mail());
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theProductsOwnAccountPagesAnswerNotFoundWhateverTheMethod() {
        WebClient web = new WebClient(product);
        for (String page : List.of("/register", "/register.xhtml", "/finish-registration", "/finish-registration.xhtml",
                "/sign-in", "/sign-in.xhtml", "/login")) {
            assertThat(web.get(page).status()).as("GET " + page).isEqualTo(404);
            assertThat(web.request("POST", page, "email=someone%40example.org", Map.of()).status()).as("POST " + page).isEqualTo(404);
        }
        WebClient.Page notFound = web.get("/register");
        assertThat(notFound.document().select("form#register")).isEmpty();
        assertThat(notFound.header("Content-Security-Policy")).as("the 404 page carries the headers").isPresent();
    }

    @Test
    void everySignInLinkLeadsToTheHostsSignInAndNoneToRegistration() {
        for (String page : List.of("/", "/forgot-password")) {
            Document document = new WebClient(product).get(page).document();
            assertThat(document.select("a[href$=/sign-in], a[href$=/register]")).as(page).isEmpty();
            assertThat(document.getElementById("nav-sign-in").attr("href")).as(page).isEqualTo(HOST_SIGN_IN);
            assertThat(document.title()).as(page).endsWith(" · " + PRODUCT);
            assertThat(document.select(".brand").text()).isEqualTo(PRODUCT);
            assertThat(document.getElementById("support").text()).isEqualTo("Questions? Write to " + SUPPORT + ".");
        }
        assertThat(new WebClient(product).get("/forgot-password").document().getElementById("back-to-sign-in").attr("href"))
                .isEqualTo(HOST_SIGN_IN);
    }

    @Test
    void forgotMailLinkNewPasswordThenThePageAfterLeadsToTheHostsSignIn(TestServer server) throws Exception {
        String email = Accounts.register(server, "forgot-only");
        String hashBefore = server.database().queryString("SELECT password_hash FROM resetflow_app_user WHERE canonical_email = ?", email);

        String link = ResetSteps.requestLink(product, email);
        MimeMessage mail = ResetSteps.linkMails(product, email).get(0);
        assertThat(link).startsWith(node.baseUri().toString().replaceAll("/$", "") + "/reset-password?token=");
        assertThat(Mailbox.body(mail).strip()).contains(link).endsWith("Questions? Write to " + SUPPORT + ".");
        assertThat(Mailbox.html(mail)).contains(">" + PRODUCT + "<");

        WebClient.Page after = ResetSteps.resetWith(product, link, "a new passphrase for the shop account");

        assertThat(after.status()).isEqualTo(200);
        assertThat(after.uri().getPath()).isEqualTo("/password-changed");
        assertThat(after.text()).contains("Your password has been changed");
        Element signIn = after.document().getElementById("sign-in");
        assertThat(signIn.attr("href")).isEqualTo(HOST_SIGN_IN);
        String hashAfter = server.database().queryString("SELECT password_hash FROM resetflow_app_user WHERE canonical_email = ?", email);
        assertThat(hashAfter).as("the account's hash was replaced").isNotEqualTo(hashBefore).startsWith("$2y$10$");
        BCryptPasswordEncoder hostsVerifier = new BCryptPasswordEncoder();
        assertThat(hostsVerifier.matches("a new passphrase for the shop account", hashAfter)).as("the host's verifier takes the new password").isTrue();
        assertThat(hostsVerifier.matches(Accounts.PASSWORD, hashAfter)).as("and no longer the old one").isFalse();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, "a new passphrase for the shop account")))
                .as("the new password works where the accounts' sign-in is").isTrue();
    }

    @Test
    void aPasswordTheHostsBcryptWouldCutIsRefusedWithAMessageSayingWhy(TestServer server) throws Exception {
        String email = Accounts.register(server, "forgot-only-long");
        String hashBefore = server.database().queryString("SELECT password_hash FROM resetflow_app_user WHERE canonical_email = ?", email);
        String link = ResetSteps.requestLink(product, email);
        // 51 letters, 76 bytes in UTF-8: more than bcrypt reads.
        String tooLong = "Grüße aus Köln, čeština, ελληνικά και 日本語 ünd mëhr";

        WebClient web = new WebClient(product);
        WebClient.Page refused = ResetSteps.setPassword(web, ResetSteps.open(web, link), tooLong, tooLong);

        assertThat(refused.text()).contains("reads only the first 72 bytes of a password");
        assertThat(server.database().queryString("SELECT password_hash FROM resetflow_app_user WHERE canonical_email = ?", email)).isEqualTo(hashBefore);
    }
}
