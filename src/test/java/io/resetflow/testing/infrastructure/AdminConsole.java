package io.resetflow.testing.infrastructure;

import io.resetflow.testing.Browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
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
     * Adds these properties to the form's property table: Add Property redraws the table (Ajax) with an empty row on
     * top; its name and value are typed there once the new row is in. Every step finds its element afresh, since the
     * redraw replaces the table's elements, the button included; at the end the table must list every property.
     */
    public AdminConsole addProperties(String table, Map<String, String> properties) {
        String form = prefixOf(table) + table;
        String rows = form + ":rowGroup1:";
        By add = By.id(form + ":topActionsGroup1:addSharedTableButton");
        By name = By.id(rows + "0:col2:col1St");
        By value = By.id(rows + "0:col3:col1St");
        for (Map.Entry<String, String> property : properties.entrySet()) {
            int before = rowCount(rows);
            settle(b -> {
                b.findElement(add).click();
                return true;
            });
            settle(b -> rowCount(rows) == before + 1 && b.findElement(name).getAttribute("value").isEmpty());
            settle(b -> typedInto(b.findElement(name), property.getKey()));
            settle(b -> typedInto(b.findElement(value), property.getValue()));
        }
        requireListed(rows, properties);
        return this;
    }

    /** Fails unless the table lists every one of these properties with its value. */
    private void requireListed(String rows, Map<String, String> properties) {
        Map<String, String> listed = propertiesListed(rows);
        properties.forEach((key, expected) -> {
            if (!expected.equals(listed.get(key))) {
                throw new IllegalStateException("The property table lists " + listed.keySet() + ", not " + key + " as typed");
            }
        });
    }

    /** Sets a field to this text unless it holds it already, so that a step retried after a redraw types it once. */
    private static boolean typedInto(WebElement field, String text) {
        if (!text.equals(field.getAttribute("value"))) {
            field.clear();
            field.sendKeys(text);
        }
        return text.equals(field.getAttribute("value"));
    }

    private int rowCount(String rows) {
        return browser.findElements(By.xpath("//input[starts-with(@id, '" + rows + "') and substring(@id, string-length(@id) - 11) = ':col2:col1St']")).size();
    }

    /** The table's rows as name to value, read in one step that is repeated if the table is redrawn meanwhile. */
    private Map<String, String> propertiesListed(String rows) {
        return settle(b -> {
            Map<String, String> listed = new LinkedHashMap<>();
            for (int row = 0; !b.findElements(By.id(rows + row + ":col2:col1St")).isEmpty(); row++) {
                listed.put(b.findElement(By.id(rows + row + ":col2:col1St")).getAttribute("value"),
                        b.findElement(By.id(rows + row + ":col3:col1St")).getAttribute("value"));
            }
            return listed;
        });
    }

    /** Repeats a step until it answers true or a value, through redraws that replace the elements it holds. */
    private <T> T settle(Function<WebDriver, T> step) {
        return new WebDriverWait(browser, PAGE).ignoring(StaleElementReferenceException.class).until(step::apply);
    }

    /** Fills the values of rows the form already lists, by property name. */
    public AdminConsole fillProperties(String table, Map<String, String> values) {
        String rows = prefixOf(table) + table + ":rowGroup1:";
        for (int row = 0, count = rowCount(rows); row < count; row++) {
            By name = By.id(rows + row + ":col2:col1St");
            By value = By.id(rows + row + ":col3:col1St");
            String wanted = values.get(settle(b -> b.findElement(name).getAttribute("value")));
            if (wanted != null) {
                settle(b -> typedInto(b.findElement(value), wanted));
            }
        }
        requireListed(rows, values);
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
        String button = table + ":topActionsGroup1:addSharedTableButton";
        String id = settle(b -> byIdSuffix(button).getAttribute("id"));
        return id.substring(0, id.length() - button.length());
    }

    @Override
    public void close() {
        browser.quit();
    }
}
