package io.resetflow.auth;

import static io.resetflow.testing.Browser.clickAndWaitFor;
import static io.resetflow.testing.Browser.fill;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.Browser;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A person whose password holds umlauts, accents, CJK or an emoji, in each language of the pages: what they
 * choose at registration signs them in, and so does what they choose at a reset, each time from a browser
 * without a session (a sign-in the next day, on another device), and the old password no longer does.
 */
@ExtendWith(ServerExtension.class)
class UnicodePasswordPageIT {

    static Stream<Arguments> languages() {
        return Stream.of(
                Arguments.of("en", "Grüße aus München, lange Passphrase", "忘れた日のための合言葉です、たぶん"),
                Arguments.of("de", "Ein Schlüssel mit Emoji 🔑 und Ümlauten", "Äpfel, Öl und Übermut: ß bleibt ß"),
                Arguments.of("fr", "Ça déborde : élève, garçon, naïveté", "密码也可以是一句中文的话，对吧"),
                Arguments.of("es", "¿Contraseña? Sí, señor: año y niño", "emoji 🎉 y acentos: canción, pingüino"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void aPasswordBeyondAsciiSetAtRegistrationOrAResetSignsIn(String language, String chosen, String reset, TestServer server) {
        String email = Accounts.uniqueEmail("unicode-" + language);
        ChromeDriver person = Browser.startInLanguage(language);
        try {
            person.get(server.uri("/register").toString());
            fill(person, "register:email", email);
            clickAndWaitFor(person, "register:submit", "sent");
            MimeMessage confirm = Mailbox.await(server.mail(), email, 1).get(0);
            person.get(Mailbox.link(confirm, "/finish-registration"));
            assertThat(person.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
            fill(person, "finish:displayName", "Zoë Ünicode");
            choosePassword(person, "finish", chosen, "signed-in-as");

            person.manage().deleteAllCookies();
            assertThat(signsIn(person, server, email, chosen)).as("signs in with the password chosen at registration").isTrue();

            person.manage().deleteAllCookies();
            person.get(server.uri("/forgot-password").toString());
            fill(person, "forgot:email", email);
            clickAndWaitFor(person, "forgot:submit", "sent");
            List<MimeMessage> links = Mailbox.await(server.mail(), email, 2);
            person.get(Mailbox.resetLink(links.get(1)));
            choosePassword(person, "reset", reset, "sign-in");

            person.manage().deleteAllCookies();
            assertThat(signsIn(person, server, email, reset)).as("signs in with the password set by the reset").isTrue();
            person.manage().deleteAllCookies();
            assertThat(signsIn(person, server, email, chosen)).as("the password before the reset").isFalse();
        } finally {
            person.quit();
        }
    }

    /** Types the password and its confirmation into this form and sends it; waits for the next page's element. */
    private static void choosePassword(ChromeDriver person, String form, String password, String nextPageElement) {
        fill(person, form + ":password", password);
        fill(person, form + ":confirmation", password);
        clickAndWaitFor(person, form + ":submit", nextPageElement);
    }

    /** Signs in through the page and tells whether the account page then opens. */
    private static boolean signsIn(ChromeDriver person, TestServer server, String email, String password) {
        person.get(server.uri("/sign-in").toString());
        fill(person, "sign-in:email", email);
        fill(person, "sign-in:password", password);
        Browser.submit(person, "sign-in:submit");
        person.get(server.uri("/account").toString());
        return URI.create(person.getCurrentUrl()).getPath().equals("/account");
    }
}
