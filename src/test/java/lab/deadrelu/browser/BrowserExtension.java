package lab.deadrelu.browser;

import io.javalin.Javalin;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import lab.deadrelu.web.App;
import lab.deadrelu.web.Config;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Boots the app and one headless Chromium per test class (starting Chromium costs seconds) and hands
 * a {@link Browser} to test methods. Uses Debian's chromium and chromedriver, never Selenium Manager
 * (no downloads here). Without them the tests are skipped with one line saying how to install them,
 * except on CI (CI=true), where that is a failure. A class that needs other settings registers
 * {@link #with} in a static {@code @RegisterExtension} field instead of {@code @ExtendWith}.
 */
public final class BrowserExtension implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final String MISSING = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
            + ": install them with `apt-get install -y chromium chromium-driver`";
    private static final AtomicBoolean TOLD = new AtomicBoolean();
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(BrowserExtension.class);

    private record Session(Javalin app, ChromeDriver driver, Path profile, Browser browser) {}

    private final Supplier<Config> config;

    public BrowserExtension() {
        this(Config::forTests);
    }

    private BrowserExtension(Supplier<Config> config) {
        this.config = config;
    }

    /** The app booted with these settings (asked for only when the class runs, so they may name a port known by then). */
    public static BrowserExtension with(Supplier<Config> config) {
        return new BrowserExtension(config);
    }

    static boolean installed() {
        return CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (installed() || onCi()) return ConditionEvaluationResult.enabled("chromium available, or CI must fail without it");
        if (TOLD.compareAndSet(false, true)) System.out.println("Skipping browser tests. " + MISSING + ".");
        return ConditionEvaluationResult.disabled(MISSING);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (!installed()) throw new IllegalStateException(MISSING + " (CI=true, so this fails instead of skipping)");
        Javalin app = App.create(config.get()).start(0);
        Path profile = Files.createTempDirectory("deadrelu-chromium-");
        ChromeDriver driver = null;
        try {
            driver = new ChromeDriver(service(), options(profile));
            // Before any page script: count the SSE messages htmx swaps in, so tests can wait for a frame.
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", Browser.COUNT_SSE_MESSAGES));
        } catch (RuntimeException e) {
            if (driver != null) driver.quit();
            app.stop();
            deleteTree(profile);
            throw e;
        }
        Browser browser = new Browser(driver, "http://localhost:" + app.port());
        context.getStore(NS).put(Session.class, new Session(app, driver, profile, browser));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Session s = context.getStore(NS).remove(Session.class, Session.class);
        if (s == null) return;
        try {
            s.driver().quit();
        } finally {
            s.app().stop();
            deleteTree(s.profile());
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NS).get(Session.class, Session.class).browser();
    }

    static ChromeDriverService service() {
        return new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
    }

    static ChromeOptions options(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // No sandbox/GPU/shm in containers; the next ones keep Chromium off the (closed) network;
        // hidden scrollbars keep screenshots clean.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,900", "--hide-scrollbars", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        // A page that cannot load (say, every connection to the server held by an earlier page)
        // fails the test in seconds instead of the default five minutes.
        options.setPageLoadTimeout(Duration.ofSeconds(15));
        options.setScriptTimeout(Duration.ofSeconds(15));
        return options;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
