package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Browser;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** Every page, including its error states, passes an axe-core audit for WCAG 2.1 A and AA in Chromium. */
@ExtendWith(ServerExtension.class)
class AccessibilityPageIT {

    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr", "es"})
    void everyPageMeetsWcag21AAInEveryLanguage(String language, TestServer server) {
        String email = Accounts.register(server, "a11y-" + language);
        String link = ResetSteps.requestLink(server, email);
        String registrationLink = Accounts.requestRegistrationLink(server, Accounts.uniqueEmail("a11y-new"));
        ChromeDriver browser = Browser.startInLanguage(language);
        try {
            for (String path : List.of("/", "/sign-in", "/register", "/forgot-password", "/reset-password", "/finish-registration",
                    "/no-such-page")) {
                browser.get(server.uri(path).toString());
                assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
                audit(browser, language + " " + path);
            }
            browser.get(server.uri("/sign-in").toString());
            browser.findElement(By.id("sign-in:submit")).click();
            waitForMessages(browser);
            audit(browser, language + " " + "/sign-in with errors");

            browser.get(registrationLink);
            audit(browser, language + " " + "/finish-registration with its form");
            browser.findElement(By.id("finish:submit")).click();
            waitForMessages(browser);
            audit(browser, language + " " + "/finish-registration with errors");
            browser.get(server.uri("/register").toString());
            Browser.fill(browser, "register:email", Accounts.uniqueEmail("a11y-sent"));
            Browser.submit(browser, "register:submit", "/register");
            audit(browser, language + " " + "/register after sending");

            browser.get(link);
            audit(browser, language + " " + "/reset-password with its form");
            browser.findElement(By.id("reset:password")).sendKeys("short");
            browser.findElement(By.id("reset:confirmation")).sendKeys("short");
            browser.findElement(By.id("reset:submit")).click();
            waitForMessages(browser);
            audit(browser, language + " " + "/reset-password with errors");

            browser.get(server.uri("/sign-in").toString());
            Browser.fill(browser, "sign-in:email", email);
            Browser.fill(browser, "sign-in:password", Accounts.PASSWORD);
            Browser.submit(browser, "sign-in:submit", "/account");
            audit(browser, language + " " + "/account");
        } finally {
            browser.quit();
        }
    }

    /**
     * The pages as a browser without JavaScript gets them. axe itself is a script, so the page is loaded with
     * scripts off, and the document it produced is audited in a second browser that runs axe: the same HTML,
     * its scripts removed, written into a page of the same origin so that its style sheets load.
     */
    @Test
    void everyPageMeetsWcag21AAWithScriptsOff(TestServer server) {
        ChromeDriver noScript = Browser.startWithoutJavaScript();
        ChromeDriver auditor = Browser.start();
        try {
            for (String path : List.of("/", "/sign-in", "/register", "/forgot-password", "/reset-password", "/no-such-page")) {
                noScript.get(server.uri(path).toString());
                auditAsRendered(auditor, server, noScript.getPageSource(), "no script " + path);
            }
            noScript.get(server.uri("/sign-in").toString());
            noScript.findElement(By.id("sign-in:submit")).click();
            Browser.waitUntil(noScript, d -> !d.findElements(By.cssSelector(".ui-message-error, .ui-messages-error")).isEmpty());
            auditAsRendered(auditor, server, noScript.getPageSource(), "no script /sign-in with errors");
        } finally {
            noScript.quit();
            auditor.quit();
        }
    }

    private static void auditAsRendered(ChromeDriver auditor, TestServer server, String html, String page) {
        auditor.get(server.uri("/no-such-page").toString());
        auditor.executeScript("document.open(); document.write(arguments[0]); document.close();",
                html.replaceAll("(?is)<script\\b.*?</script>", ""));
        assertThat(auditor.executeScript("return document.scripts.length")).as(page + ": scripts left").isEqualTo(0L);
        audit(auditor, page);
    }

    /** Guards the audit itself: a page made inaccessible on purpose must fail it. */
    @Test
    void auditFindsAnInaccessibleElement(TestServer server) {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(server.uri("/").toString());
            browser.executeScript("var i = document.createElement('img'); i.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';"
                    + " document.getElementById('content').appendChild(i);");
            List<Rule> violations = new AxeBuilder().withTags(WCAG_21_AA).analyze(browser).getViolations();
            assertThat(violations).extracting(Rule::getId).contains("image-alt");
        } finally {
            browser.quit();
        }
    }

    private static void waitForMessages(ChromeDriver browser) {
        Browser.waitUntil(browser, d -> !d.findElements(By.cssSelector(".ui-message-error, .ui-messages-error")).isEmpty());
    }

    private static void audit(ChromeDriver browser, String page) {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(browser);
        List<Rule> violations = results.getViolations();
        assertThat(violations).as(page + ":\n" + describe(violations)).isEmpty();
    }

    private static String describe(List<Rule> violations) {
        return violations.stream()
                .map(v -> v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " -> "
                        + v.getNodes().stream().map(n -> n.getHtml()).limit(3).collect(Collectors.joining(" | ")))
                .collect(Collectors.joining("\n"));
    }
}
