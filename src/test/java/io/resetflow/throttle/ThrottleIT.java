package io.resetflow.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rate limits through the real pages. The tests' server allows 12 reset requests per account (see
 * TestServer) and the defaults otherwise: 30 reset requests and 20 bad reset attempts per client,
 * 10 failed sign-ins per account and 50 per client, each per 15 minutes.
 */
@ExtendWith(ServerExtension.class)
class ThrottleIT {

    @Test
    void resetRequestsOverTheAccountLimitGetTheSamePageAndSendNothing(TestServer server) throws Exception {
        String email = Accounts.register(server, "account-limit");
        for (int i = 0; i < TestServer.RESET_REQUESTS_PER_ACCOUNT; i++) {
            assertThat(ResetSteps.askForLink(server, email).text()).contains(ResetSteps.SENT);
        }
        ResetSteps.awaitLinkMails(server, email, TestServer.RESET_REQUESTS_PER_ACCOUNT);

        WebClient.Page throttled = ResetSteps.askForLink(server, "  " + email.toUpperCase(java.util.Locale.ROOT));

        assertThat(throttled.status()).isEqualTo(200);
        assertThat(throttled.text()).contains(ResetSteps.SENT);
        server.awaitOutboxDelivered();
        assertThat(ResetSteps.linkMails(server, email)).hasSize(TestServer.RESET_REQUESTS_PER_ACCOUNT);
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
    void failedSignInsOverTheAccountLimitBlockEvenTheRightPassword(TestServer server) {
        String email = Accounts.register(server, "signin-account");
        for (int i = 0; i < 10; i++) {
            assertThat(signIn(new WebClient(server), email, "wrong password number " + i).text()).contains("do not match an account");
        }

        WebClient.Page blocked = signIn(new WebClient(server), email, Accounts.PASSWORD);

        assertThat(blocked.uri().getPath()).isEqualTo("/sign-in");
        assertThat(blocked.text()).contains("Too many failed sign-ins");
        String other = Accounts.register(server, "signin-other");
        assertThat(signIn(new WebClient(server), other, Accounts.PASSWORD).uri().getPath()).isEqualTo("/account");
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

    private static WebClient.Page signIn(WebClient web, String email, String password) {
        return web.submit(web.get("/sign-in"), "sign-in", Map.of("email", email, "password", password));
    }
}
