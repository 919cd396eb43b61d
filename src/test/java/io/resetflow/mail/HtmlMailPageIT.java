package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Browser;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The reset mail as it arrives: multipart/alternative, text and HTML with the same link, and the HTML shown in
 * Chromium loads nothing from anywhere (the README's screenshot of it is taken here).
 */
@ExtendWith(ServerExtension.class)
class HtmlMailPageIT {

    @Test
    void theResetMailArrivesAsTextAndHtmlAndTheHtmlLoadsNothing(TestServer server) throws Exception {
        String email = Accounts.register(server, "html-mail");
        String link = ResetSteps.requestLink(server, email);
        MimeMessage mail = ResetSteps.linkMails(server, email).get(0);

        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(mail.getHeader("Content-Language")).containsExactly("en");
        String html = Mailbox.html(mail);
        assertThat(html).contains("href=\"" + link + "\"").contains("expires in 30 minutes").doesNotContain("<style");

        Path file = Path.of("target", "screenshots", "html-mail.html").toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.writeString(file, html, StandardCharsets.UTF_8);
        ChromeDriver browser = Browser.start();
        try {
            browser.get(file.toUri().toString());
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Set a new password");
            assertThat(browser.findElement(By.cssSelector("a.button")).getAttribute("href")).isEqualTo(link);
            Object loaded = browser.executeScript("return performance.getEntriesByType('resource').length");
            assertThat(((Number) loaded).intValue()).as("resources the mail loads").isZero();
            Browser.screenshot(browser, "13-html-mail");
        } finally {
            browser.quit();
        }
    }
}
