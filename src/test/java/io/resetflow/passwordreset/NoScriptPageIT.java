package io.resetflow.passwordreset;

import static io.resetflow.testing.Browser.clickAndWaitFor;
import static io.resetflow.testing.Browser.fill;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.Browser;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole story in Chromium with JavaScript switched off: every form carries what a post needs (view state
 * and the page's CSP nonce) from the server, so registration, sign-in, sign-out, forgot and reset all work;
 * the strength meter is an enhancement on top.
 */
@ExtendWith(ServerExtension.class)
class NoScriptPageIT {

    private static final String NEW_PASSWORD = "no scripts needed for this passphrase";

    @Test
    void personRegistersForgetsAndResetsWithoutJavaScript(TestServer server) {
        String email = Accounts.uniqueEmail("no-script");
        ChromeDriver person = Browser.startWithoutJavaScript();
        try {
            person.get(server.uri("/register").toString());
            fill(person, "register:email", email);
            clickAndWaitFor(person, "register:submit", "sent");
            person.get(Mailbox.link(Mailbox.awaitSubject(server.mail(), email, Accounts.CONFIRM_MAIL), "/finish-registration"));
            fill(person, "finish:displayName", "Nora Script");
            fill(person, "finish:password", Accounts.PASSWORD);
            fill(person, "finish:confirmation", Accounts.PASSWORD);
            clickAndWaitFor(person, "finish:submit", "signed-in-as");
            assertThat(person.findElement(By.id("signed-in-as")).getText()).contains("Nora Script");
            clickAndWaitFor(person, "sign-out:submit", "sign-in");

            person.get(server.uri("/forgot-password").toString());
            fill(person, "forgot:email", email);
            clickAndWaitFor(person, "forgot:submit", "sent");
            person.get(Mailbox.resetLink(Mailbox.awaitSubject(server.mail(), email, ResetSteps.LINK_MAIL)));
            fill(person, "reset:password", NEW_PASSWORD);
            fill(person, "reset:confirmation", NEW_PASSWORD);
            clickAndWaitFor(person, "reset:submit", "sign-in");
            assertThat(person.findElement(By.id("content")).getText()).contains("Your password has been changed");

            fill(person, "sign-in:email", email);
            fill(person, "sign-in:password", NEW_PASSWORD);
            clickAndWaitFor(person, "sign-in:submit", "signed-in-as");
            Browser.screenshot(person, "no-script-signed-in");
        } finally {
            person.quit();
        }
    }
}
