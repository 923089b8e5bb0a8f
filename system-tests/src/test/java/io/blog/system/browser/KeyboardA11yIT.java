package io.blog.system.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.blog.system.browser.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;

/** Keyboard and accessibility smoke test: the skip link, and an accessible name for every form control. */
class KeyboardA11yIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static Seed.Account editor;
    static String slug;
    static Seed.Account commenter;
    static String commentId;

    @BeforeAll
    static void seed() {
        Seed.Account author = Seed.author("ka", null);
        slug = (String) Seed.article(author, "Labelled " + Seed.word(8), "Text.", List.of("a11y"), null).get("slug");
        // Something in the moderation queue, so its row checkboxes are there to be checked.
        commenter = Seed.register("kc", null);
        commentId = String.valueOf(Seed.comment(commenter, slug, "Pending for the a11y check " + Seed.word(6)).get("id"));
        editor = Seed.withRoles("ke", "AUTHOR", "EDITOR");
    }

    /** Leaves the shared moderation queue as it was. */
    @AfterAll
    static void removeTheSeededComment() {
        if (commentId != null) {
            assertThat(commenter.client().send("DELETE", "/api/comments/" + commentId, commenter.token(), null).status()).isEqualTo(204);
        }
    }

    @Test
    void theFirstTabReachesTheSkipLinkWhichFocusesMain() {
        browser.open("/");
        browser.visible("article-list");
        WebElement skip = browser.driver().findElement(By.id("skip-link"));
        assertThat(skip.getAttribute("href")).endsWith("#main");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("skip-link");
        // Hidden until focused, then on screen.
        assertThat(skip.isDisplayed()).isTrue();
        assertThat(((Number) browser.js("return arguments[0].getBoundingClientRect().top", skip)).doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(skip.getAccessibleName()).isEqualTo("Skip to content");
        browser.screenshot("skip-link-focused");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.until("main to take the focus", d -> "main".equals(browser.js("return document.activeElement.id")));
        // The next Tab continues inside main, not back in the header.
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertThat((Boolean) browser.js("return document.getElementById('main').contains(document.activeElement)")).isTrue();
    }

    @Test
    void everyFormControlHasAnAccessibleName() {
        List<String> unnamed = new ArrayList<>();
        Map<String, String> anonymous = Map.of("/login", "login-form", "/register", "register-form", "/search?q=labelled", "search-form");
        anonymous.forEach((path, form) -> check(path, form, unnamed));

        browser.signInWithRefreshToken(editor.refreshToken(), "/");
        check("/write", "editor-form", unnamed);
        check("/settings", "settings-save", unnamed);
        check("/posts/" + slug, "comment-form", unnamed);
        check("/moderation", "moderation-select", unnamed);
        assertThat(browser.visible("lang-switch").getAccessibleName()).isEqualTo("Language: 中文");
        assertThat(unnamed).as("form controls without an accessible name").isEmpty();
        browser.click("logout");
        browser.visible("nav-login");
    }

    /** The guard every browser test relies on: what the CSP blocks and what scripts throw reaches the console check. */
    @Test
    void theConsoleWatchSeesCspViolationsAndScriptErrors() {
        browser.open("/");
        browser.visible("article-list");
        browser.js("const s = document.createElement('script'); s.textContent = 'window.injected = 1'; document.body.append(s);");
        browser.js("setTimeout(() => { throw new Error('thrown on purpose'); });");
        browser.until("both problems in the console", d -> {
            List<String> lines = browser.peekConsole();
            return lines.stream().anyMatch(l -> l.contains("Content Security Policy"))
                    && lines.stream().anyMatch(l -> l.startsWith("SEVERE") && l.contains("thrown on purpose"));
        });
        assertThat(browser.js("return window.injected === undefined")).isEqualTo(true);
        // Both were provoked here, so they must not fail this test.
        browser.takeConsole();
    }

    private static void check(String path, String waitFor, List<String> unnamed) {
        browser.open(path);
        browser.visible(waitFor);
        List<WebElement> controls = browser.all(By.cssSelector("main input:not([type=hidden]), main select, main textarea, main button"));
        assertThat(controls).as("form controls on %s", path).isNotEmpty();
        for (WebElement control : controls) {
            if (!control.isDisplayed()) {
                continue;
            }
            String name = control.getAccessibleName();
            if (name == null || name.isBlank()) {
                unnamed.add(path + ": <" + control.getTagName() + " id=" + control.getAttribute("id")
                        + " data-testid=" + control.getAttribute("data-testid") + ">");
            }
        }
    }
}
