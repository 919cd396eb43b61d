package io.resetflow.throttle;

import static io.resetflow.testing.Accounts.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
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

/**
 * The rate limits through the real pages. The tests' server allows 12 reset requests per account (see
 * TestServer) and the defaults otherwise: 30 reset requests and 20 bad reset attempts per client,
 * 10 failed sign-ins per account from one client, 100 per account from anywhere and 50 per client, each
 * per 15 minutes.
 */
@ExtendWith(ServerExtension.class)
class ThrottleIT {

    @Test
    void resetRequestsOverTheAccountLimitGetTheSamePageAndSendNothing(TestServer server) throws Exception {
        String email = Accounts.register(server, "account-limit");
        for (int i = 0; i < TestServer.RESET_REQUESTS_PER_ACCOUNT; i++) {
            assertThat(ResetSteps.askForLink(server, email).text()).contains(ResetSteps.SENT);
        }
        server.awaitOutboxDelivered();
        assertThat(acceptedRequests(server, email)).isEqualTo(TestServer.RESET_REQUESTS_PER_ACCOUNT);
        int mails = ResetSteps.linkMails(server, email).size();

        WebClient.Page throttled = ResetSteps.askForLink(server, "  " + email.toUpperCase(java.util.Locale.ROOT));

        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.text()).contains(ResetSteps.SENT);
        server.awaitOutboxDelivered();
        assertThat(acceptedRequests(server, email)).as("the request over the limit is recorded as throttled")
                .isEqualTo(TestServer.RESET_REQUESTS_PER_ACCOUNT);
        assertThat(ResetSteps.linkMails(server, email)).hasSize(mails);
        assertThat(Files.readString(server.log())).contains("AUDIT password_reset.throttled limit=account");
    }

    @Test
    void resetRequestsOverTheClientLimitGetTheSamePageAndSendNothing(TestServer server) throws Exception {
        String email = Accounts.register(server, "client-limit");
        WebClient client = new WebClient(server);
        for (int i = 0; i < 30; i++) {
            assertThat(ResetSteps.askForLink(client, Accounts.uniqueEmail("nobody")).text()).contains(ResetSteps.SENT);
        }

        WebClient.Page throttled = ResetSteps.askForLink(client, email);

        assertThat(throttled.text()).contains(ResetSteps.SENT);
        server.awaitOutboxDelivered();
        assertThat(ResetSteps.linkMails(server, email)).isEmpty();
        assertThat(Files.readString(server.log())).contains("AUDIT password_reset.throttled limit=client client=" + client.clientAddress());
        ResetSteps.askForLink(server, email);
        ResetSteps.awaitLinkMails(server, email, 1);
    }

    @Test
    void guessingResetLinksLocksTheClientOutEvenForAValidLink(TestServer server) throws Exception {
        String email = Accounts.register(server, "guessing");
        String link = ResetSteps.requestLink(server, email);
        String base = link.substring(0, link.indexOf('='));
        WebClient guesser = new WebClient(server);
        for (int i = 0; i < 20; i++) {
            String guess = String.format("%043d", i).replace('0', 'A');
            ResetSteps.assertInvalidLinkPage(ResetSteps.open(guesser, base + "=" + guess));
        }

        ResetSteps.assertInvalidLinkPage(ResetSteps.open(guesser, link));

        WebClient owner = new WebClient(server);
        assertThat(ResetSteps.open(owner, link).document().getElementById("reset")).as("the link still works elsewhere").isNotNull();
    }

    @Test
    void failedSignInsFromOneClientBlockThatClientForThatAccountEvenWithTheRightPassword(TestServer server) {
        String email = Accounts.register(server, "signin-account");
        WebClient stranger = new WebClient(server);
        for (int i = 0; i < 10; i++) {
            assertThat(signIn(stranger, email, "wrong password number " + i).text()).contains("do not match an account");
        }

        WebClient.Page blocked = signIn(stranger, email, Accounts.PASSWORD);

        assertThat(blocked.uri().getPath()).isEqualTo("/sign-in");
        assertThat(blocked.text()).contains("Too many failed sign-ins");
        String other = Accounts.register(server, "signin-other");
        assertThat(signIn(stranger, other, Accounts.PASSWORD).uri().getPath()).as("another account from that client").isEqualTo("/account");
    }

    @Test
    void aStrangersFailedSignInsDoNotLockTheOwnerOut(TestServer server) {
        String email = Accounts.register(server, "signin-owner");
        WebClient stranger = new WebClient(server);
        for (int i = 0; i < 11; i++) {
            signIn(stranger, email, "a stranger's guess " + i);
        }

        assertThat(signIn(new WebClient(server), email, Accounts.PASSWORD).uri().getPath()).isEqualTo("/account");
    }

    @Test
    void failedSignInsFromEverywhereReachTheAccountCeilingAndBlockEveryClient(TestServer server) {
        String email = Accounts.register(server, "signin-ceiling");
        for (int client = 0; client < 10; client++) {
            WebClient web = new WebClient(server);
            for (int i = 0; i < 10; i++) {
                signIn(web, email, "guess " + i + " from client " + client);
            }
        }

        assertThat(signIn(new WebClient(server), email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");
    }

    @Test
    void completedResetLiftsTheAccountsSignInLimitsForTheClientThatResetIt(TestServer server) {
        String email = Accounts.register(server, "signin-reset");
        WebClient owner = new WebClient(server);
        for (int i = 0; i < 10; i++) {
            signIn(owner, email, "forgot it, try number " + i);
        }
        assertThat(signIn(owner, email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");

        String link = ResetSteps.requestLink(server, email);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.setPassword(owner, ResetSteps.open(owner, link),
                "the password I will remember now", "the password I will remember now"));

        assertThat(signIn(owner, email, "the password I will remember now").uri().getPath()).isEqualTo("/account");
    }

    @Test
    void completedResetLiftsTheAccountsResetRequestLimit(TestServer server) throws Exception {
        String email = Accounts.register(server, "request-reset");
        for (int i = 0; i < TestServer.RESET_REQUESTS_PER_ACCOUNT; i++) {
            ResetSteps.askForLink(server, email);
        }
        server.awaitOutboxDelivered();
        List<MimeMessage> links = ResetSteps.awaitLinkMails(server, email, 1);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server,
                Mailbox.resetLink(links.get(links.size() - 1)), "a new password after many requests"));

        ResetSteps.askForLink(server, email);

        assertThat(acceptedRequests(server, email)).isEqualTo(TestServer.RESET_REQUESTS_PER_ACCOUNT + 1);
        ResetSteps.awaitLinkMails(server, email, links.size() + 1);
    }

    @Test
    void failedSignInsOverTheClientLimitBlockThatClientOnly(TestServer server) {
        String email = Accounts.register(server, "signin-client");
        WebClient client = new WebClient(server);
        for (int i = 0; i < 50; i++) {
            signIn(client, Accounts.uniqueEmail("spray"), "a guessed password " + i);
        }

        assertThat(signIn(client, email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");
        assertThat(signIn(new WebClient(server), email, Accounts.PASSWORD).uri().getPath()).isEqualTo("/account");
    }

    /** Reset requests recorded for the account and not throttled (a throttled one is recorded without its address). */
    private static long acceptedRequests(TestServer server, String email) throws java.sql.SQLException {
        return server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND canonical_email = ?", email);
    }
}
