package io.resetflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A session ended by a password change stays ended, however the next request spells its path. */
@ExtendWith(ServerExtension.class)
class SessionEndIT {

    /** The protected page, spelled the ways a client can make a server see one path where a filter sees another. */
    private static final List<String> VARIANTS = List.of(
            "account",
            "account.xhtml",
            "./account",
            "jakarta.faces.resource/../account",
            "jakarta.faces.resource/%2e%2e/account",
            "jakarta.faces.resource/%2E%2E/account.xhtml",
            "jakarta.faces.resource/..;/account",
            "jakarta.faces.resource/x/../../account",
            "jakarta.faces.resource//../account",
            "account;jsessionid=x",
            "JAKARTA.FACES.RESOURCE/../account");

    @Test
    void endedSessionGoesToSignInOnEveryEncodedAndDottedVariantOfAProtectedPage(TestServer server) {
        String email = Accounts.register(server, "raw-path");
        List<WebClient> sessions = new ArrayList<>();
        for (int i = 0; i < VARIANTS.size(); i++) {
            WebClient web = Accounts.signIn(server, email, Accounts.PASSWORD);
            assertThat(Accounts.isSignedIn(web)).isTrue();
            sessions.add(web);
        }
        String link = ResetSteps.requestLink(server, email);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, link, "a password set elsewhere meanwhile"));

        for (int i = 0; i < VARIANTS.size(); i++) {
            String path = VARIANTS.get(i);
            WebClient.Page answer = sessions.get(i).request("GET", server.baseUri() + path);
            assertThat(answer.body()).as(path).doesNotContain("You are signed in as");
            assertThat(answer.status()).as(path).isIn(302, 303, 400, 404);
            if (answer.status() != 404 && answer.status() != 400) {
                assertThat(answer.header("Location")).as(path).hasValueSatisfying(l -> assertThat(l).contains("/sign-in"));
            }
            assertThat(answer.header("Content-Security-Policy")).as(path + " carries the security headers").isPresent();
            assertThat(Accounts.isSignedIn(sessions.get(i))).as(path + " left the session signed in").isFalse();
        }
    }
}
