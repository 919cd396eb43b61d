package io.resetflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Payara Server's admin console in headless Chromium, used as an administrator uses it: by the labels of links and
 * buttons, waiting for each page (its navigation is Ajax), typing into the fields of each form. Every step ends with
 * a screenshot under {@code target/screenshots/payara-console/}.
 */
public final class AdminConsole implements AutoCloseable {

    private static final Duration PAGE = Duration.ofSeconds(90);

    private final ChromeDriver browser;
    private final URI home;
    private final Path screenshots;
    private int step;

    public AdminConsole(URI home, Path screenshots) throws IOException {
        this.browser = Browser.start();
        this.home = home;
        this.screenshots = Files.createDirectories(screenshots);
    }

    /** Opens the console's home page (Common Tasks); its first load installs the console and takes a while. */
    public AdminConsole openHome() {
        browser.switchTo().defaultContent();
        browser.get(home.toString());
        displayed(By.xpath("//*[normalize-space(text())='Common Tasks']"));
        return this;
    }

    /** Opens a page of the server outside the console (the REST interface's forms, say). */
    public AdminConsole open(URI page) {
        browser.switchTo().defaultContent();
        browser.get(page.toString());
        return this;
    }

    /** Follows the visible link with this text (the navigation tree, a list of resources, a tab). */
    public AdminConsole link(String text) {
        displayed(By.xpath("//a[normalize-space(.)='" + text + "']")).click();
        return this;
    }

    /** Presses the visible button with this label. */
    public AdminConsole press(String label) {
        displayed(By.xpath("//input[normalize-space(@value)='" + label + "'] | //button[normalize-space(.)='" + label + "']"
                + " | //*[self::a or self::span or self::div][normalize-space(text())='" + label + "']")).click();
        return this;
    }

    /** Waits until text shows on the page. */
    public AdminConsole await(String text) {
        displayed(By.xpath("//*[contains(normalize-space(.),\"" + text + "\")]"));
        return this;
    }

    /** Types into the field whose id ends with this suffix. */
    public AdminConsole type(String idSuffix, String value) {
        WebElement field = byIdSuffix(idSuffix);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    public AdminConsole choose(String idSuffix, String value) {
        new Select(byIdSuffix(idSuffix)).selectByValue(value);
        return this;
    }

    /**
     * Adds these properties to the form's property table: Add Property puts an empty row on top; its name and value
     * are typed there.
     */
    public AdminConsole addProperties(String table, Map<String, String> properties) {
        for (Map.Entry<String, String> property : properties.entrySet()) {
            byIdSuffix(table + ":topActionsGroup1:addSharedTableButton").click();
            By name = By.id(prefixOf(table) + table + ":rowGroup1:0:col2:col1St");
            new WebDriverWait(browser, PAGE).ignoring(StaleElementReferenceException.class)
                    .until(b -> b.findElement(name).getAttribute("value").isEmpty());
            browser.findElement(name).sendKeys(property.getKey());
            browser.findElement(By.id(prefixOf(table) + table + ":rowGroup1:0:col3:col1St")).sendKeys(property.getValue());
        }
        return this;
    }

    /** Fills the values of rows the form already lists, by property name. */
    public AdminConsole fillProperties(String table, Map<String, String> values) {
        String prefix = prefixOf(table) + table + ":rowGroup1:";
        for (int row = 0; !browser.findElements(By.id(prefix + row + ":col2:col1St")).isEmpty(); row++) {
            String name = browser.findElement(By.id(prefix + row + ":col2:col1St")).getAttribute("value");
            if (values.containsKey(name)) {
                WebElement value = browser.findElement(By.id(prefix + row + ":col3:col1St"));
                value.clear();
                value.sendKeys(values.get(name));
            }
        }
        return this;
    }

    /** Continues inside the page's frame (the deployment form is one). */
    public AdminConsole intoFrame() {
        browser.switchTo().frame(new WebDriverWait(browser, PAGE).until(ExpectedConditions.presenceOfElementLocated(By.tagName("iframe"))));
        return this;
    }

    /** Chooses a file for the page's file field. */
    public AdminConsole upload(Path file) {
        new WebDriverWait(browser, PAGE).until(ExpectedConditions.presenceOfElementLocated(By.xpath("//input[@type='file']")))
                .sendKeys(file.toAbsolutePath().toString());
        return this;
    }

    /**
     * Fills the fields of this form by their names (the REST interface's forms name their fields): a list is set to
     * the option shown with that text, a text field is typed into.
     */
    public AdminConsole fillForm(String formId, Map<String, String> values) {
        WebElement form = displayed(By.id(formId));
        values.forEach((name, value) -> {
            WebElement field = form.findElement(By.name(name));
            if (field.getTagName().equals("select")) {
                new Select(field).selectByVisibleText(value);
            } else {
                field.clear();
                field.sendKeys(value);
            }
        });
        return this;
    }

    /** Saves the page as it is now, numbered in the order of the steps. */
    public AdminConsole screenshot(String name) {
        try {
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
            Files.write(screenshots.resolve(String.format("%02d-%s.png", ++step, name)), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private WebElement displayed(By by) {
        return new WebDriverWait(browser, PAGE).ignoring(StaleElementReferenceException.class).until(b -> b.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The visible field (input, select or text area) whose id ends with this suffix. */
    private WebElement byIdSuffix(String suffix) {
        return new WebDriverWait(browser, PAGE).ignoring(StaleElementReferenceException.class).until(b -> b.findElements(By.xpath("//*[self::input or self::select or self::textarea][substring(@id, string-length(@id) - "
                + (suffix.length() - 1) + ") = '" + suffix + "']")).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** The id of the form holding this table, up to the table's own name ("form2:" for "form2:basicTable"). */
    private String prefixOf(String table) {
        WebElement add = byIdSuffix(table + ":topActionsGroup1:addSharedTableButton");
        String id = add.getAttribute("id");
        return id.substring(0, id.length() - (table + ":topActionsGroup1:addSharedTableButton").length());
    }

    @Override
    public void close() {
        browser.quit();
    }
}
