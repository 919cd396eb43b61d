package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Browser;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

@ExtendWith(ServerExtension.class)
class HomePageIT {

    @Test
    void homePageOpensInChromiumAndIsCapturedAsScreenshot(TestServer server) throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            browser.get(server.baseUri().toString());
            assertThat(browser.getTitle()).isEqualTo("Welcome · ResetFlow");
            assertThat(browser.findElement(By.cssSelector("div.ui-panel")).isDisplayed()).isTrue();
            assertThat((Boolean) browser.executeScript("return !!(window.PrimeFaces && window.jQuery)"))
                    .as("PrimeFaces scripts ran").isTrue();
            assertThat(Browser.consoleProblems(browser)).as("console errors, CSP violations included").isEmpty();
            Path screenshot = Browser.screenshot(browser, "home");
            assertThat(Files.size(screenshot)).isGreaterThan(5_000);
        } finally {
            browser.quit();
        }
    }
}
