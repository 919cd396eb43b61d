package io.resetflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Passwords beyond ASCII, sent as a plain HTTP client sends a form (UTF-8, no charset named): what a person sets
 * signs them in from a client that has no session yet, and one Unicode form of a password is as good as another.
 * The same in a real browser, page by page and language by language: {@code UnicodePasswordPageIT}.
 */
@ExtendWith(ServerExtension.class)
class PasswordsBeyondAsciiIT {

    private static final String UMLAUTS = "Grüße aus München, lange Passphrase";

    @Test
    void aPasswordWithUmlautsChosenAtRegistrationSignsInFromAClientWithoutASession(TestServer server) {
        String email = Accounts.register(server, Accounts.uniqueEmail("umlauts"), UMLAUTS);

        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, UMLAUTS))).as("signed in with " + UMLAUTS).isTrue();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, "Grusse aus Munchen, lange Passphrase"))).isFalse();
    }

    @Test
    void aPasswordBeyondAsciiSetByAResetSignsInAndTheOldOneNoLonger(TestServer server) {
        String email = Accounts.register(server, "reset-cjk");
        String newPassword = "忘れた日のための合言葉です🔑 ça marche";

        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, ResetSteps.requestLink(server, email), newPassword));

        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, newPassword))).as("signed in with the new password").isTrue();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, Accounts.PASSWORD))).as("the old password").isFalse();
    }

    @Test
    void aPasswordSignsInWhicheverUnicodeFormTheKeyboardSends(TestServer server) {
        // "ü" as u + combining diaeresis (as some keyboards send it), full-width digits, and the "ﬁ" ligature.
        String decomposed = "Gru\u0308ße aus Mu\u0308nchen \uFF11\uFF12\uFF13 \uFB01ne Passphrase";
        String composed = "Grüße aus München 123 fine Passphrase";
        String email = Accounts.register(server, Accounts.uniqueEmail("nfkc"), decomposed);

        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, composed))).as("composed form").isTrue();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, decomposed))).as("the form it was set in").isTrue();
    }
}
