package io.resetflow.passwordreset;

import static io.resetflow.testing.Browser.fill;
import static io.resetflow.testing.Browser.submit;
import static io.resetflow.testing.Browser.waitForPath;
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

/** The whole story in Chromium, as a person lives it; a screenshot of every page lands in target/screenshots/. */
@ExtendWith(ServerExtension.class)
class ResetPasswordPageIT {

    private static final String NEW_PASSWORD = "a new password for the browser test";

    @Test
    void personResetsAForgottenPasswordAndSignsInWithTheNewOne(TestServer server) {
        String email = Accounts.uniqueEmail("browser");
        ChromeDriver person = Browser.start();
        ChromeDriver otherDevice = Browser.start();
        try {
            person.get(server.uri("/register").toString());
            fill(person, "register:email", email);
            submit(person, "register:submit", "/register");
            assertThat(person.findElement(By.id("content")).getText()).contains(Accounts.SENT);
            Browser.screenshot(person, "01-register");
            person.get(Mailbox.link(Mailbox.awaitSubject(server.mail(), email, Accounts.CONFIRM_MAIL), "/finish-registration"));
            waitForPath(person, "/finish-registration");
            fill(person, "finish:displayName", "Grace Hopper");
            fill(person, "finish:password", Accounts.PASSWORD);
            fill(person, "finish:confirmation", Accounts.PASSWORD);
            Browser.screenshot(person, "01-finish-registration");
            submit(person, "finish:submit", "/account");
            assertThat(person.findElement(By.id("signed-in-as")).getText()).contains("Grace Hopper");
            Browser.screenshot(person, "02-account");
            submit(person, "sign-out:submit", "/sign-in");
            Browser.screenshot(person, "03-signed-out");

            otherDevice.get(server.uri("/sign-in").toString());
            fill(otherDevice, "sign-in:email", email);
            fill(otherDevice, "sign-in:password", Accounts.PASSWORD);
            submit(otherDevice, "sign-in:submit", "/account");

            person.findElement(By.id("forgot")).click();
            waitForPath(person, "/forgot-password");
            fill(person, "forgot:email", email);
            Browser.screenshot(person, "04-forgot-password");
            submit(person, "forgot:submit", "/forgot-password");
            assertThat(person.findElement(By.id("content")).getText()).contains("a link to set a new password is on its way");
            Browser.screenshot(person, "05-link-sent");

            String link = Mailbox.resetLink(ResetSteps.awaitLinkMails(server, email, 1).get(0));
            person.get(link);
            waitForPath(person, "/reset-password");
            assertThat(person.getCurrentUrl()).doesNotContain("token");
            fill(person, "reset:password", NEW_PASSWORD);
            fill(person, "reset:confirmation", NEW_PASSWORD + " typo");
            submit(person, "reset:submit", "/reset-password");
            assertThat(person.findElement(By.id("content")).getText()).contains("The two passwords do not match");
            Browser.screenshot(person, "06-reset-password-mismatch");
            fill(person, "reset:password", NEW_PASSWORD);
            fill(person, "reset:confirmation", NEW_PASSWORD);
            assertThat(person.findElement(By.cssSelector(".ui-password-meter")).isDisplayed()).as("strength meter").isTrue();
            Browser.screenshot(person, "07-reset-password");
            submit(person, "reset:submit", "/sign-in");
            assertThat(person.findElement(By.id("content")).getText()).contains("Your password has been changed");
            Browser.screenshot(person, "08-password-changed");

            fill(person, "sign-in:email", email);
            fill(person, "sign-in:password", Accounts.PASSWORD);
            submit(person, "sign-in:submit", "/sign-in");
            assertThat(person.findElement(By.id("content")).getText()).contains("do not match an account");
            Browser.screenshot(person, "09-old-password-fails");

            fill(person, "sign-in:email", email);
            fill(person, "sign-in:password", NEW_PASSWORD);
            submit(person, "sign-in:submit", "/account");
            Browser.screenshot(person, "10-signed-in-with-new-password");

            person.get(link);
            waitForPath(person, "/reset-password");
            assertThat(person.findElement(By.id("invalid-link")).getText()).contains("This link is invalid or has expired");
            Browser.screenshot(person, "11-used-link");

            otherDevice.get(server.uri("/account").toString());
            waitForPath(otherDevice, "/sign-in");
            assertThat(otherDevice.findElement(By.id("content")).getText()).contains("You were signed out because your password was changed");
            Browser.screenshot(otherDevice, "12-other-device-signed-out");
            assertThat(Browser.consoleProblems(person)).as("console errors, CSP violations included").isEmpty();
            assertThat(Browser.consoleProblems(otherDevice)).as("console errors, CSP violations included").isEmpty();
        } finally {
            person.quit();
            otherDevice.quit();
        }
    }
}
