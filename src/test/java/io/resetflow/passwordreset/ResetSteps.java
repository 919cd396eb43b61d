package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** The steps of the reset flow as a person takes them, through the real pages. */
public final class ResetSteps {

    public static final String LINK_MAIL = "Set a new password";
    static final String CHANGED_MAIL = "Your password was changed";
    /** The answer to every forgot-password request, whatever became of it. */
    public static final String SENT = "If an account uses that address, a link to set a new password is on its way.";
    public static final String INVALID_LINK = "This link is invalid or has expired";

    private ResetSteps() {
    }

    public static WebClient.Page askForLink(Deployment product, String email) {
        return askForLink(new WebClient(product), email);
    }

    public static WebClient.Page askForLink(WebClient web, String email) {
        return web.submit(web.get("/forgot-password"), "forgot", Map.of("email", email));
    }

    /** Asks for a link and returns it from the mail that arrives. */
    public static String requestLink(Deployment product, String email) {
        int before = linkMails(product, email).size();
        askForLink(product, email);
        List<MimeMessage> links = awaitLinkMails(product, email, before + 1);
        return Mailbox.resetLink(links.get(links.size() - 1));
    }

    public static List<MimeMessage> linkMails(Deployment product, String email) {
        return Mailbox.to(product.mail(), email, LINK_MAIL);
    }

    public static List<MimeMessage> awaitLinkMails(Deployment product, String email, int count) {
        return Mailbox.await(product.mail(), email, LINK_MAIL, count);
    }

    /** Moves the account's token expiry into the past, as if its lifetime had run out. */
    static void expireToken(TestServer server, String email) throws SQLException {
        server.database().update("UPDATE resetflow_mailed_link SET expires_at = ? WHERE purpose = 'password_reset' AND canonical_email = ?",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(1), email);
    }

    /** A new account's reset link, opened in its own client, showing the form. */
    public record OpenedLink(String email, String link, WebClient web, WebClient.Page form) {
    }

    /** Registers an account, asks for its link, and opens it in a fresh client. */
    public static OpenedLink openNewAccountsLink(Deployment product, String tag) {
        String email = Accounts.register(product, tag);
        String link = requestLink(product, email);
        WebClient web = new WebClient(product);
        return new OpenedLink(email, link, web, open(web, link));
    }

    public static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    /** Opens the link in this client; returns the page it lands on. */
    public static WebClient.Page open(WebClient web, String link) {
        return web.get(link);
    }

    public static WebClient.Page setPassword(WebClient web, WebClient.Page resetPage, String password, String confirmation) {
        return web.submit(resetPage, "reset", Map.of("password", password, "confirmation", confirmation));
    }

    /** Opens the link in a fresh client and sets the new password; returns the landing page. */
    public static WebClient.Page resetWith(Deployment product, String link, String newPassword) {
        WebClient web = new WebClient(product);
        return setPassword(web, open(web, link), newPassword, newPassword);
    }

    public static void assertLandedOnSignInWithSuccess(WebClient.Page page) {
        assertThat(page.uri().getPath()).as(page.text()).isEqualTo("/sign-in");
        assertThat(page.text()).contains("Your password has been changed");
    }

    public static void assertInvalidLinkPage(WebClient.Page page) {
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/reset-password");
        assertThat(page.text()).contains(INVALID_LINK).contains("Request a new link");
        assertThat(page.document().getElementById("reset")).as("no reset form").isNull();
    }
}
