package io.resetflow.testing;

import io.resetflow.testing.infrastructure.OtherSite;
import io.resetflow.testing.infrastructure.Prerequisites;


import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages, driven by Debian's chromedriver: nothing is downloaded at run
 * time. Without the packages the browser tests are skipped with a hint, except under CI, where they fail.
 */
public final class Browser {

    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start() {
        return start(true, null, null);
    }

    /** A browser that also reaches {@link OtherSite}: another site, by its own host name, on this machine. */
    public static ChromeDriver startBesides(OtherSite site) {
        return start(true, null, site.hostResolverRule());
    }

    /** A browser whose pages run no script at all, as in a text browser or a locked-down office. */
    public static ChromeDriver startWithoutJavaScript() {
        return start(false, null, null);
    }

    /** A browser set to this language ({@code de}): what it sends as {@code Accept-Language}. */
    public static ChromeDriver startInLanguage(String language) {
        return start(true, language, null);
    }

    private static ChromeDriver start(boolean javaScript, String language, String extraArgument) {
        Prerequisites.require(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "Browser tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        try {
            Path profile = Files.createTempDirectory(screenshotDir(), "chromium-profile-");
            ChromeOptions options = new ChromeOptions()
                    .setBinary(CHROMIUM)
                    .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                            "--no-first-run", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,900",
                            "--user-data-dir=" + profile);
            java.util.Map<String, Object> prefs = new java.util.HashMap<>();
            if (!javaScript) {
                prefs.put("profile.managed_default_content_settings.javascript", 2);
            }
            if (extraArgument != null) {
                options.addArguments(extraArgument);
            }
            if (language != null) {
                prefs.put("intl.accept_languages", language);
                options.addArguments("--lang=" + language);
            }
            if (!prefs.isEmpty()) {
                options.setExperimentalOption("prefs", prefs);
            }
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces what the field with this id holds. */
    public static void fill(ChromeDriver driver, String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /**
     * Clicks a button that posts its form and waits until the answer is a new, fully loaded document at the
     * expected path. The old document is marked before the click; only a document without the mark counts,
     * so a post answered on the same path is told apart from the page it was sent from.
     */
    public static void submit(ChromeDriver driver, String buttonId, String expectedPath) {
        submit(driver, buttonId);
        waitForPath(driver, expectedPath);
    }

    /** Clicks a button that posts its form and waits until the answer, wherever it is, is fully loaded. */
    public static void submit(ChromeDriver driver, String buttonId) {
        driver.executeScript("window.documentBeforeSubmit = true;");
        driver.findElement(By.id(buttonId)).click();
        waitUntil(driver, d -> Boolean.TRUE.equals(driver.executeScript(
                "return window.documentBeforeSubmit === undefined && document.readyState === 'complete';")));
    }

    /**
     * Clicks a button that posts its form and waits for an element of the page the post leads to. Unlike
     * {@link #submit} it runs no script, so it also works in a browser with JavaScript off.
     */
    public static void clickAndWaitFor(ChromeDriver driver, String buttonId, String expectedElementId) {
        driver.findElement(By.id(buttonId)).click();
        waitUntil(driver, d -> !d.findElements(By.id(expectedElementId)).isEmpty());
    }

    public static void waitForPath(ChromeDriver driver, String path) {
        waitUntil(driver, d -> java.net.URI.create(d.getCurrentUrl()).getPath().equals(path));
    }

    /**
     * Waits up to 30 s. While a document is replaced Chromium may answer a command about the old one with
     * a generic error instead of a stale-element one; those answers mean "not yet" and are retried.
     */
    public static <T> T waitUntil(ChromeDriver driver, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(condition);
    }

    /** Messages the page wrote to the browser console at warning level or above, CSP violations included. */
    public static List<String> consoleProblems(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves a PNG of what the browser shows under target/screenshots/; returns its path. */
    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Path target = screenshotDir().resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path screenshotDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("user.dir"), "target", "screenshots"));
    }
}
