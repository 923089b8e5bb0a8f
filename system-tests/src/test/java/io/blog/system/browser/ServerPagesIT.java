package io.blog.system.browser;

import io.blog.system.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chromium.HasCdp;

import java.util.List;
import java.util.Map;

import static io.blog.system.browser.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server-rendered pages in a real browser: an article reads fully with script turned off;
 * with it, the page is taken over without being drawn again and navigation stays client-side;
 * light, dark and phone renderings are kept as screenshots in the artifacts.
 */
class ServerPagesIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String WORD = Seed.word(10);
    static final String TAG = "sp" + Seed.word(6);
    static final String TITLE = "Reading well " + WORD;
    static final String BODY = """
            A paragraph long enough to wrap on a phone, with a link to [the docs](https://example.test/docs) and
            a VeryLongWordWithoutAnyBreakOpportunityThatMustNotPushThePageSideways%s.

            中文段落：服务器渲染的页面在没有脚本的情况下也应该完整可读，并且在手机上正确换行，不能出现横向滚动。

            ```java
            // a comment
            public record Point(int x, int y) { }
            ```

            | Column | Value |
            |---|---|
            | one | 1 |
            """.formatted(WORD);

    static String slug;

    @BeforeAll
    static void seed() {
        Seed.Account author = Seed.author("sp", "Page Author");
        slug = (String) Seed.article(author, TITLE, BODY, List.of(TAG), null).get("slug");
    }

    @AfterEach
    void plainBrowser() {
        cdp("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        cdp("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void theArticleReadsFullyWithoutScript() {
        cdp("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        browser.driver().get(Topology.gateway() + "/posts/" + slug);

        assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo(TITLE);
        assertThat(browser.visible("article-body").findElement(By.cssSelector("pre code")).getText()).contains("public record Point");
        assertThat(color(".hl-kw")).as("keywords are coloured by the server").isNotEqualTo(color("[data-testid=article-body] p"));
        assertThat(browser.all(By.cssSelector("[data-testid=article-body] table td")).size()).isEqualTo(2);
        assertThat(browser.visible("share-links").getText()).contains("X", "LinkedIn");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Comments are shown with JavaScript turned on.");
        browser.screenshot("page-article-noscript");
    }

    @Test
    void withScriptThePageIsTakenOverNotRedrawnAndNavigationStaysInThePage() {
        browser.open("/posts/" + slug);
        browser.visible("comment-login");
        // The server's element is still the one on screen (only the server writes data-author):
        // the view added the comments to it instead of drawing the article again.
        assertThat(browser.visible("article").getAttribute("data-author")).isNotBlank();
        assertThat(browser.all(By.cssSelector("main noscript"))).isEmpty();
        browser.js("window.__stillHere = true;");

        browser.click(By.cssSelector("[data-testid='article'] .tags a[href='/tags/" + TAG + "']"));
        browser.urlIs("/tags/" + TAG);
        browser.rendered();
        browser.click(By.cssSelector("[data-testid='article-card'][data-slug='" + slug + "'] h2 a"));
        browser.urlIs("/posts/" + slug);
        browser.rendered();
        browser.visible("comment-login");
        assertThat((Boolean) browser.js("return window.__stillHere === true")).as("no full page load on the way").isTrue();
    }

    @Test
    void lightDarkAndPhoneRenderingsAreKept() {
        browser.open("/posts/" + slug);
        assertThat(background()).isEqualTo("rgb(255, 255, 255)");
        browser.screenshot("page-article-light");

        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.open("/posts/" + slug);
        assertThat(background()).isEqualTo("rgb(13, 17, 23)");
        browser.screenshot("page-article-dark");

        cdp("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        cdp("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844, "deviceScaleFactor", 2, "mobile", true));
        browser.open("/posts/" + slug);
        assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("nothing wider than the phone's screen").isTrue();
        browser.screenshot("page-article-mobile");
        browser.open("/");
        assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        browser.screenshot("page-home-mobile");
    }

    private static String color(String selector) {
        return (String) browser.js("return getComputedStyle(document.querySelector(arguments[0])).color", selector);
    }

    private static String background() {
        return (String) browser.js("return getComputedStyle(document.body).backgroundColor");
    }

    private static void cdp(String command, Map<String, Object> parameters) {
        ((HasCdp) browser.driver()).executeCdpCommand(command, parameters);
    }
}
