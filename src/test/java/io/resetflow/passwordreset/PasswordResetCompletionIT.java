package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a completed reset does: no sign-in, other sessions end, a notice mail, an audit trail. */
@ExtendWith(ServerExtension.class)
class PasswordResetCompletionIT {

    private static final String NEW_PASSWORD = "the password after the reset";

    @Test
    void resetEndsEverySessionAndDoesNotSignIn(TestServer server) {
        String email = Accounts.register(server, "sessions");
        WebClient otherDevice = Accounts.signIn(server, email, Accounts.PASSWORD);
        assertThat(Accounts.isSignedIn(otherDevice)).isTrue();

        WebClient resetter = new WebClient(server);
        String link = ResetSteps.requestLink(server, email);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.setPassword(resetter, ResetSteps.open(resetter, link), NEW_PASSWORD, NEW_PASSWORD));

        assertThat(Accounts.isSignedIn(resetter)).as("no automatic sign-in after a reset").isFalse();
        WebClient.Page ended = otherDevice.get("/account");
        assertThat(ended.uri().getPath()).isEqualTo("/sign-in");
        assertThat(ended.text()).contains("You were signed out because your password was changed");
        assertThat(Accounts.isSignedIn(otherDevice)).isFalse();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, Accounts.PASSWORD))).as("old password").isFalse();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, NEW_PASSWORD))).as("new password").isTrue();
    }

    @Test
    void changeIsReportedByMailWithoutLinkOrSecret(TestServer server) {
        String email = Accounts.register(server, "notice");
        String link = ResetSteps.requestLink(server, email);
        WebClient web = new WebClient(server, "2001:db8:feed::1");
        ResetSteps.setPassword(web, ResetSteps.open(web, link), NEW_PASSWORD, NEW_PASSWORD);

        MimeMessage notice = Mailbox.awaitSubject(server.mail(), email, ResetSteps.CHANGED_MAIL);
        String body = Mailbox.body(notice);
        assertThat(Mailbox.recipients(notice)).containsExactly(email);
        assertThat(body).contains("was changed on").contains("UTC").contains("2001:db8:feed::1").contains("ResetFlowTest/1.0")
                .contains("signed out");
        assertThat(body).doesNotContain("http").doesNotContain(ResetSteps.token(link)).doesNotContain(NEW_PASSWORD);
    }

    @Test
    void resetMailStatesTheRealLifetime(TestServer server) {
        String email = Accounts.register(server, "lifetime");
        ResetSteps.requestLink(server, email);

        MimeMessage mail = ResetSteps.linkMails(server, email).get(0);
        assertThat(Mailbox.body(mail)).contains("expires in 30 minutes");
        assertThat(Mailbox.header(mail, "Auto-Submitted")).containsExactly("auto-generated");
    }

    @Test
    void auditLogRecordsRequestedFailedAndCompletedResetsWithoutSecrets(TestServer server) throws Exception {
        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "audit");
        String email = opened.email();
        String link = opened.link();
        WebClient web = opened.web();
        ResetSteps.setPassword(web, opened.form(), "too short", "too short");
        ResetSteps.setPassword(web, ResetSteps.open(web, link), NEW_PASSWORD, NEW_PASSWORD);
        ResetSteps.open(new WebClient(server), link);
        Mailbox.awaitSubject(server.mail(), email, ResetSteps.CHANGED_MAIL);

        String log = Files.readString(server.log());
        for (String event : List.of("AUDIT password_reset.requested", "AUDIT password_reset.token_issued",
                "AUDIT password_reset.failed reason=password_rejected", "AUDIT password_reset.completed",
                "AUDIT password_reset.failed reason=invalid_link")) {
            assertThat(log).contains(event);
        }
        assertThat(log).doesNotContain(ResetSteps.token(link)).doesNotContain(NEW_PASSWORD).doesNotContain(email);
    }

    @Test
    void resetPagesForbidReferrersAndCaching(TestServer server) {
        String email = Accounts.register(server, "headers");
        String link = ResetSteps.requestLink(server, email);
        WebClient web = new WebClient(server);
        List<WebClient.Page> pages = List.of(web.request("GET", link), web.get("/reset-password"), web.get("/forgot-password"));
        for (WebClient.Page page : pages) {
            assertThat(page.header("Referrer-Policy")).as(page.uri().toString()).hasValue("no-referrer");
            assertThat(page.header("Cache-Control")).as(page.uri().toString()).hasValue("no-store");
            assertThat(page.header("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.header("Content-Security-Policy").orElseThrow()).contains("frame-ancestors 'none'");
        }
        org.jsoup.nodes.Document resetPage = pages.get(1).document();
        assertThat(resetPage.select("script[src], link[href]").eachAttr("abs:src").stream()
                .filter(s -> !s.isEmpty())).allMatch(s -> s.startsWith(server.baseUri().toString()));
        assertThat(resetPage.select("link[href]").eachAttr("abs:href")).allMatch(s -> s.startsWith(server.baseUri().toString()));
        assertThat(resetPage.select("input[name=jakarta.faces.ViewState]")).as("view state guards the form").hasSize(1);
    }
}
