package io.resetflow.passwordreset;

import static io.resetflow.testing.Browser.clickAndWaitFor;
import static io.resetflow.testing.Browser.fill;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.Browser;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole story in a German browser: every page in German with lang="de", and the mails in the account's
 * language, which it took from the page it registered on.
 */
@ExtendWith(ServerExtension.class)
class GermanResetFlowPageIT {

    private static final String NEW_PASSWORD = "ein neues Passwort aus vier Wörtern";

    @Test
    void aGermanSpeakerRegistersForgetsAndResetsInGerman(TestServer server) {
        String email = Accounts.uniqueEmail("deutsch");
        ChromeDriver person = Browser.startInLanguage("de");
        try {
            person.get(server.uri("/register").toString());
            assertGerman(person, "Konto anlegen");
            fill(person, "register:email", email);
            clickAndWaitFor(person, "register:submit", "sent");
            assertThat(person.findElement(By.id("sent")).getText()).contains("Eine E-Mail an diese Adresse ist unterwegs");

            MimeMessage confirm = Mailbox.awaitSubject(server.mail(), email, "Bestätigen Sie Ihre Adresse, um Ihr Konto anzulegen");
            assertThat(Mailbox.body(confirm)).contains("läuft in 60 Minuten ab");
            person.get(Mailbox.link(confirm, "/finish-registration"));
            assertGerman(person, "Konto fertig anlegen");
            fill(person, "finish:displayName", "Greta Deutsch");
            fill(person, "finish:password", Accounts.PASSWORD);
            fill(person, "finish:confirmation", Accounts.PASSWORD);
            clickAndWaitFor(person, "finish:submit", "signed-in-as");
            assertGerman(person, "Ihr Konto");
            clickAndWaitFor(person, "sign-out:submit", "sign-in");
            assertThat(person.findElement(By.id("content")).getText()).contains("Sie wurden abgemeldet.");

            person.get(server.uri("/forgot-password").toString());
            assertGerman(person, "Passwort vergessen?");
            fill(person, "forgot:email", email);
            clickAndWaitFor(person, "forgot:submit", "sent");
            assertThat(person.findElement(By.id("sent")).getText()).startsWith("Wenn ein Konto diese Adresse verwendet");

            MimeMessage link = Mailbox.awaitSubject(server.mail(), email, "Neues Passwort festlegen");
            assertThat(Mailbox.body(link)).startsWith("Hallo Greta Deutsch,").contains("läuft in 30 Minuten ab")
                    .contains("ignorieren Sie diese E-Mail");
            assertThat(Mailbox.html(link)).contains("lang=\"de\"").contains("Hallo Greta Deutsch,").contains("läuft in 30 Minuten ab");
            person.get(Mailbox.resetLink(link));
            assertGerman(person, "Neues Passwort festlegen");
            fill(person, "reset:password", NEW_PASSWORD);
            fill(person, "reset:confirmation", NEW_PASSWORD);
            clickAndWaitFor(person, "reset:submit", "sign-in");
            assertThat(person.findElement(By.id("content")).getText()).contains("Ihr Passwort wurde geändert.");
            Browser.screenshot(person, "german-password-changed");

            MimeMessage changed = Mailbox.awaitSubject(server.mail(), email, "Ihr Passwort wurde geändert");
            assertThat(Mailbox.body(changed)).contains("Alle Geräte, die bei Ihrem Konto angemeldet waren, wurden abgemeldet.");

            fill(person, "sign-in:email", email);
            fill(person, "sign-in:password", NEW_PASSWORD);
            clickAndWaitFor(person, "sign-in:submit", "signed-in-as");
        } finally {
            person.quit();
        }
    }

    private static void assertGerman(ChromeDriver browser, String heading) {
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(heading);
    }
}
