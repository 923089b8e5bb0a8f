package io.blog.system.browser;

import io.blog.system.Topology;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One headless Chromium (Debian's, with its own chromedriver) per test class, registered as a
 * JUnit extension: {@code @RegisterExtension static final Browser browser = new Browser();}.
 *
 * <p>Everything waits on conditions (WebDriverWait), never on time. Screenshots go to
 * {@code system.artifacts.dir} as {@code <name>.png}; a failing test leaves
 * {@code FAILED-<class>-<test>.png} and the browser console next to it. The console is read after
 * every test: a Content-Security-Policy violation or a JavaScript error fails the test, as does
 * any other severe message the test did not declare as expected (e.g. the 412 of a conflict).
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, TestWatcher {

    public static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Path ARTIFACTS = Path.of(System.getProperty("system.artifacts.dir", "target/artifacts"));

    private WebDriver driver;
    private WebDriverWait wait;
    private Path profile;
    private final List<String> console = new ArrayList<>();
    private final List<Pattern> expected = new ArrayList<>();

    // ---- lifecycle -------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Files.createDirectories(ARTIFACTS);
        profile = Files.createTempDirectory("blog-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US",
                // A reader's browser: headless Chrome names itself, and the view beacon rightly ignores automated clients.
                "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, TIMEOUT);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        drainConsole();
        console.clear();
        expected.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        drainConsole();
        writeConsole(context);
        List<String> problems = console.stream()
                .filter(line -> line.startsWith("SEVERE") || line.contains("Content Security Policy"))
                .filter(line -> line.contains("Content Security Policy") || expected.stream().noneMatch(p -> p.matcher(line).find()))
                .toList();
        if (!problems.isEmpty()) {
            screenshot("FAILED-" + name(context) + "-console");
            throw new AssertionError("the browser console reported errors (CSP violations, JavaScript errors or "
                    + "unexpected failed requests):\n  " + String.join("\n  ", problems));
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver != null) {
            screenshot("FAILED-" + name(context));
            try {
                Files.writeString(ARTIFACTS.resolve("FAILED-" + name(context) + ".html"), driver.getPageSource());
            } catch (IOException | RuntimeException e) {
                // The screenshot is what matters; the DOM dump is extra.
            }
        }
    }

    private static String name(ExtensionContext context) {
        return context.getRequiredTestClass().getSimpleName() + "-" + context.getTestMethod().map(m -> m.getName()).orElse("all");
    }

    // ---- console ---------------------------------------------------------------------------

    /** A severe console line matching this (e.g. a 412 the test provokes) does not fail the test. CSP violations always do. */
    public void expectConsoleError(String regex) {
        expected.add(Pattern.compile(regex));
    }

    private void drainConsole() {
        if (driver == null) {
            return;
        }
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + Instant.ofEpochMilli(entry.getTimestamp()) + " " + entry.getMessage());
        }
    }

    /** The console lines of the current test so far. */
    public List<String> peekConsole() {
        drainConsole();
        return List.copyOf(console);
    }

    /** The console lines of the current test so far, which then no longer count for the after-test check. */
    public List<String> takeConsole() {
        drainConsole();
        List<String> lines = List.copyOf(console);
        console.clear();
        return lines;
    }

    private void writeConsole(ExtensionContext context) {
        try {
            Files.write(ARTIFACTS.resolve("console-" + name(context) + ".log"), console);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- navigation and waiting ------------------------------------------------------------

    public WebDriver driver() {
        return driver;
    }

    public static By testid(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Loads a page of the site and waits until its view has rendered. */
    public void open(String path) {
        driver.get(Topology.gateway() + path);
        rendered();
    }

    /** Waits until the router finished the current screen (main is no longer aria-busy). */
    public void rendered() {
        wait.withMessage("the screen to finish rendering").until(d -> Boolean.TRUE.equals(js(
                "const m = document.getElementById('main');"
                        + "return document.readyState === 'complete' && !!m.querySelector(':scope > .view')"
                        + " && !m.hasAttribute('aria-busy') && !m.querySelector(':scope > .view > .loading');")));
    }

    public <T> T until(String what, ExpectedCondition<T> condition) {
        return wait.withMessage(what).until(condition);
    }

    public WebElement visible(By by) {
        return until("visible: " + by, ExpectedConditions.visibilityOfElementLocated(by));
    }

    public WebElement visible(String testid) {
        return visible(testid(testid));
    }

    public WebElement textIn(By by, String text) {
        until("text '" + text + "' in " + by, ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    public void urlIs(String path) {
        until("URL " + path, ExpectedConditions.urlToBe(Topology.gateway() + path));
    }

    public void urlMatches(String regex) {
        until("URL like " + regex, ExpectedConditions.urlMatches(regex));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /**
     * Clicks once the element is clickable and the click lands on it: a notification still
     * fading out or a grid still laying out can cover it for a moment, or redraw it.
     */
    public void click(By by) {
        until("clicked: " + by, driver -> {
            WebElement element = ExpectedConditions.elementToBeClickable(by).apply(driver);
            if (element == null) {
                return null;
            }
            try {
                element.click();
                return true;
            } catch (ElementClickInterceptedException | StaleElementReferenceException notYet) {
                return null;
            }
        });
    }

    public void click(String testid) {
        click(testid(testid));
    }

    public void type(String testid, String text) {
        WebElement input = visible(testid);
        input.clear();
        input.sendKeys(text);
    }

    /** Accepts the confirm() the page opens next, checking what it asks. */
    public String acceptConfirm() {
        Alert alert = until("a confirm dialog", ExpectedConditions.alertIsPresent());
        String text = alert.getText();
        alert.accept();
        return text;
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public String path() {
        return (String) js("return location.pathname + location.search;");
    }

    /** Signs this browser in without a login request: the app restores a session from a stored refresh token. */
    public void signInWithRefreshToken(String refreshToken, String path) {
        open("/");
        js("localStorage.setItem('blog.refreshToken', arguments[0]);", refreshToken);
        open(path);
        until("the session to be restored", d -> driver.findElements(testid("logout")).size() == 1);
    }

    /** Forgets the session locally (no server call), for the next test class or reader. */
    public void forgetSession() {
        open("/");
        js("localStorage.clear();");
        open("/");
    }

    // ---- screenshots -----------------------------------------------------------------------

    /** The whole page (not only the viewport) as ARTIFACTS/name.png. */
    public Path screenshot(String name) {
        Path file = ARTIFACTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        try {
            byte[] png;
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> metrics = ((ChromeDriver) driver).executeCdpCommand("Page.getLayoutMetrics", Map.of());
                @SuppressWarnings("unchecked")
                Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
                Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                        "width", ((Number) size.get("width")).doubleValue(),
                        "height", Math.min(((Number) size.get("height")).doubleValue(), 8000));
                Map<String, Object> shot = ((ChromeDriver) driver).executeCdpCommand("Page.captureScreenshot",
                        Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
                png = Base64.getDecoder().decode((String) shot.get("data"));
            } catch (RuntimeException e) {
                png = ((ChromeDriver) driver).getScreenshotAs(OutputType.BYTES);
            }
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
