package lab.deadrelu.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** A headless Chromium pointed at the app under test; given to test methods by {@link BrowserExtension}. */
public final class Browser {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Run in every page before its own scripts (a test's eyes only, so the page's CSP does not apply). */
    static final String COUNT_SSE_MESSAGES = "document.addEventListener('htmx:sseMessage', function (e) {"
            + " var c = window.__sseMessages || (window.__sseMessages = {}); c[e.detail.type] = (c[e.detail.type] || 0) + 1; }, true);";

    private final ChromeDriver driver;
    private final String baseUrl;

    Browser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String url(String path) {
        return baseUrl + path;
    }

    public void open(String path) {
        driver.get(url(path));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public void windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Saves the page as target/screenshots/&lt;name&gt;.png (the full page height, not just the window). */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, fullPage());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the window shows, no more (the first screen a visitor sees) as target/screenshots/&lt;name&gt;.png. */
    public Path viewportScreenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] fullPage() {
        Dimension window = driver.manage().window().getSize();
        Number height = (Number) js("return Math.ceil(document.documentElement.scrollHeight)");
        driver.manage().window().setSize(new Dimension(window.width, Math.max(window.height, height.intValue() + 140)));
        try {
            return driver.getScreenshotAs(OutputType.BYTES);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /** How many SSE messages of this type (an event name such as "status" or "link") the page has swapped in so far. */
    public long sseMessages(String type) {
        return ((Number) js("return (window.__sseMessages || {})[arguments[0]] || 0;", type)).longValue();
    }

    /** Browser console lines since the last call (CSP violations show up here as SEVERE). */
    public List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }
}
