package io.blog.system.browser;

import io.blog.system.Client;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.blog.system.browser.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader's visit: the home list and its cursor-paged "load more", an article's rendered HTML,
 * tag and author pages, search with highlights, commenting (sign-in first, then the own comment
 * marked pending), the Chinese UI, and hostile user text staying text.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReaderIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String WORD = Seed.word(12);
    static final String TAG = "rd" + Seed.word(6);
    static final String TITLE = "Rendering <script>alert(1)</script> & <img src=x onerror=alert(2)> safely " + WORD;
    static final String SUMMARY = "A summary with <b>markup</b> <img src=x onerror=alert(4)> that must stay text.";
    static final String AUTHOR_NAME = "Ann <img src=x onerror=alert(3)>";
    static final String BODY = """
            ## Setting up %s

            The word %s appears here so that search can find and highlight it.

            ```java
            System.out.println("hello from the code block");
            ```
            """.formatted(WORD, WORD);

    static Seed.Account author;
    static String slug;
    static String oldestSlug;
    static final List<String> fillerSlugs = new ArrayList<>();

    @BeforeAll
    static void seed() {
        author = Seed.author("rd", AUTHOR_NAME);
        // Eleven older articles, so the newest ten fill the first page and the rest need "load more".
        for (int i = 1; i <= 11; i++) {
            Map<String, Object> a = Seed.article(author, "Reader filler " + i + " " + TAG, "Filler text " + i + ".", List.of(TAG), null);
            fillerSlugs.add((String) a.get("slug"));
        }
        oldestSlug = fillerSlugs.getFirst();
        slug = (String) Seed.article(author, TITLE, BODY, List.of(TAG, "java"), SUMMARY).get("slug");
    }

    @Test
    @Order(1)
    void homeListsTheNewestArticlesAndLoadsMoreByCursor() {
        browser.open("/");
        browser.textIn(By.tagName("h1"), "Latest articles");
        WebElement first = browser.visible(By.cssSelector("[data-testid='article-card'][data-slug='" + slug + "']"));
        assertThat(first.findElement(By.cssSelector("h2 a")).getText()).isEqualTo(TITLE);
        assertThat(first.findElement(By.cssSelector(".summary")).getText()).isEqualTo(SUMMARY);
        assertThat(cards()).hasSize(10);
        assertNoInjectedMarkup();
        browser.screenshot("home-en");

        int clicks = 0;
        while (browser.all(By.cssSelector("[data-testid='article-card'][data-slug='" + oldestSlug + "']")).isEmpty()) {
            int before = cards().size();
            assertThat(browser.visible("load-more").isDisplayed()).as("load more offered while articles are missing").isTrue();
            browser.click("load-more");
            browser.until("more cards after load more", d -> cards().size() > before);
            clicks++;
        }
        List<String> slugs = new ArrayList<>(cards().stream().map(c -> c.getAttribute("data-slug")).toList());
        assertThat(clicks).isGreaterThanOrEqualTo(1);
        assertThat(slugs).hasSizeGreaterThan(10).doesNotHaveDuplicates().contains(slug, oldestSlug);
        // Keyboard users continue at the first card that arrived.
        assertThat((Boolean) browser.js("return document.activeElement.closest('[data-testid=article-card]') !== null")).isTrue();
    }

    @Test
    @Order(2)
    void articleShowsRenderedHtmlTagsAndLeadsToTagAndAuthorPages() {
        browser.open("/");
        browser.click(By.cssSelector("[data-testid='article-card'][data-slug='" + slug + "'] h2 a"));
        browser.urlIs("/posts/" + slug);
        browser.rendered();
        WebElement body = browser.visible("article-body");
        assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo(TITLE);
        assertThat(body.findElement(By.cssSelector("h2")).getText()).isEqualTo("Setting up " + WORD);
        assertThat(body.findElement(By.cssSelector("pre code")).getText()).contains("System.out.println(\"hello from the code block\");");
        assertThat(browser.all(By.cssSelector("[data-testid='article'] .tags a")).stream().map(WebElement::getText))
                .containsExactlyInAnyOrder("#" + TAG, "#java");
        assertThat(browser.driver().getTitle()).startsWith(TITLE);
        assertNoInjectedMarkup();
        browser.screenshot("article");

        browser.click(By.cssSelector("[data-testid='article'] .tags a[href='/tags/" + TAG + "']"));
        browser.urlIs("/tags/" + TAG);
        browser.rendered();
        browser.textIn(By.tagName("h1"), TAG);
        browser.visible(By.cssSelector("[data-testid='article-card'][data-slug='" + slug + "']"));
        assertThat(cards()).hasSize(10);
        browser.visible("load-more");

        browser.click(By.cssSelector("[data-testid='article-card'][data-slug='" + slug + "'] .meta a[href^='/authors/']"));
        browser.urlIs("/authors/" + author.username());
        browser.rendered();
        WebElement profile = browser.visible("author-profile");
        assertThat(profile.findElement(By.tagName("h1")).getText()).isEqualTo(AUTHOR_NAME);
        assertThat(profile.getText()).contains("@" + author.username());
        browser.visible(By.cssSelector("[data-testid='article-card'][data-slug='" + slug + "']"));
        assertNoInjectedMarkup();
    }

    @Test
    @Order(2)
    void articleLeadsToTheOlderAndNewerArticle() {
        browser.open("/posts/" + fillerSlugs.get(1));
        browser.rendered();
        WebElement older = browser.visible(By.cssSelector("nav.neighbours a[rel='prev']"));
        WebElement newer = browser.visible(By.cssSelector("nav.neighbours a[rel='next']"));
        assertThat(older.getAttribute("href")).endsWith("/posts/" + fillerSlugs.get(0));
        assertThat(older.getText()).contains("Reader filler 1 ");
        assertThat(newer.getAttribute("href")).endsWith("/posts/" + fillerSlugs.get(2));

        older.click();
        browser.urlIs("/posts/" + fillerSlugs.get(0));
        browser.rendered();
        browser.textIn(By.tagName("h1"), "Reader filler 1 ");
        assertThat(browser.visible(By.cssSelector("nav.neighbours a[rel='next']")).getAttribute("href"))
                .endsWith("/posts/" + fillerSlugs.get(1));
    }

    @Test
    @Order(3)
    void searchFindsTheArticleAndHighlightsTheWord() {
        // The index is fed asynchronously (outbox → Elasticsearch): wait until the API finds it.
        Seed.eventually("search to find " + slug, Duration.ofSeconds(60), c -> {
            Client.Reply r = c.get("/api/posts/search?q=" + WORD + "&size=50");
            return r.status() == 200 && r.body().contains("\"" + slug + "\"") && !r.body().contains("\"degraded\":true") ? r : null;
        });
        browser.open("/");
        browser.click("nav-search");
        browser.urlIs("/search");
        browser.type("search-input", WORD);
        browser.click("search-submit");
        browser.urlIs("/search?q=" + WORD);
        browser.rendered();
        WebElement hit = browser.visible(By.cssSelector("[data-testid='search-result'][data-slug='" + slug + "']"));
        assertThat(browser.visible("search-count").getText()).matches("\\d+ results?");
        assertThat(hit.findElements(By.cssSelector("[data-testid='search-fragment'] mark, h2 mark")))
                .as("highlighted fragments").isNotEmpty()
                .allSatisfy(mark -> assertThat(mark.getText()).isEqualToIgnoringCase(WORD));
        assertThat(hit.getText()).contains("Rendering <script>alert(1)</script>");
        assertNoInjectedMarkup();
        browser.screenshot("search");
    }

    @Test
    @Order(4)
    void commentingAsksToSignInThenShowsTheOwnCommentAsPending() {
        Seed.Account reader = Seed.register("rc", null);
        browser.open("/posts/" + slug);
        browser.visible(By.id("comments"));
        assertThat(browser.all(testid("comment-form"))).isEmpty();
        browser.click("comment-login");
        browser.urlMatches(".*/login\\?next=.*");
        browser.rendered();
        browser.type("login-username", reader.username());
        browser.type("login-password", reader.password());
        browser.click("login-form-submit");
        browser.urlIs("/posts/" + slug + "#comments");
        browser.visible("logout");

        String text = "Thanks for the code sample " + Seed.word(8);
        browser.type("comment-body", text);
        browser.click("comment-submit");
        WebElement mine = browser.visible(By.xpath("//li[@data-testid='comment-item'][.//div[contains(@class,'comment-body')][contains(., '" + text + "')]]"));
        assertThat(mine.findElement(testid("comment-pending")).getText()).contains("Awaiting moderation");
        String commentId = mine.getAttribute("data-id");
        browser.textIn(By.id("live"), "moderat");

        // Still there, still pending, after a reload (the server returns the viewer's own pending comments).
        browser.open("/posts/" + slug);
        WebElement again = browser.visible(By.xpath("//li[@data-testid='comment-item'][contains(., '" + text + "')]"));
        assertThat(again.findElements(testid("comment-pending"))).hasSize(1);
        // Nobody else sees it yet.
        assertThat(Client.newVisitor().get("/api/comments?post=" + slug).body()).doesNotContain(text);

        browser.click("logout");
        browser.visible("nav-login");
        browser.open("/posts/" + slug);
        browser.visible("comment-login");
        browser.textIn(By.id("comments"), "No comments yet.");
        assertThat(browser.driver().findElement(By.id("comments")).getText()).doesNotContain(text);

        // Leave the shared moderation queue as it was.
        assertThat(reader.client().send("DELETE", "/api/comments/" + commentId, reader.token(), null).status()).isEqualTo(204);
    }

    @Test
    @Order(5)
    void switchesTheInterfaceToChineseAndBack() {
        browser.open("/");
        assertThat(browser.visible("lang-switch").getText()).isEqualTo("中文");
        browser.click("lang-switch");
        browser.textIn(By.tagName("h1"), "最新文章");
        browser.rendered();
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("zh-CN");
        assertThat(browser.visible("nav-home").getText()).isEqualTo("首页");
        assertThat(browser.visible("lang-switch").getText()).isEqualTo("English");
        assertThat(browser.driver().findElement(By.id("skip-link")).getAttribute("textContent")).isEqualTo("跳到正文");
        browser.visible(By.cssSelector("[data-testid='article-card'][data-slug='" + slug + "']"));
        browser.screenshot("home-zh");

        // The choice is remembered.
        browser.open("/posts/" + slug);
        browser.textIn(By.id("comments-title"), "评论");
        browser.click("lang-switch");
        browser.textIn(By.id("comments-title"), "Comments");
        assertThat(browser.js("return document.documentElement.lang")).isEqualTo("en");
    }

    @Test
    @Order(6)
    void aSignOutTheServerMissedEndsTheSessionAtTheNextVisit() {
        Seed.Account reader = Seed.register("po", null);
        browser.signInWithRefreshToken(reader.refreshToken(), "/");
        var chrome = (ChromeDriver) browser.driver();
        chrome.executeCdpCommand("Network.enable", Map.of());
        chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/users/logout*")));
        try {
            browser.click("logout");
            browser.visible("nav-login");
            // Signed out here at once; the session's refresh token is kept aside, not forgotten.
            assertThat(browser.js("return localStorage.getItem('blog.refreshToken')")).isNull();
            assertThat((String) browser.js("return localStorage.getItem('blog.pendingLogout')")).isNotBlank();
        } finally {
            chrome.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
        }
        String pending = (String) browser.js("return localStorage.getItem('blog.pendingLogout')");
        // The next visit tells the server: the kept token is spent and the session ended.
        browser.open("/");
        browser.until("the missed sign-out to reach the server",
                d -> browser.js("return localStorage.getItem('blog.pendingLogout')") == null);
        browser.visible("nav-login");
        assertThat(Client.newVisitor().send("POST", "/api/users/refresh", null, "{\"refreshToken\":\"" + pending + "\"}").status())
                .isEqualTo(401);
    }

    @Test
    @Order(7)
    void theArticlePageCountsItsReaderOnceHoweverOftenItIsShown() {
        String counted = (String) Seed.article(author, "Counted once " + WORD, "Read me twice.", List.of(), null).get("slug");
        for (int visit = 1; visit <= 2; visit++) {
            // The second visit's article may come from the gateway's cache; the beacon still reaches post-war.
            browser.open("/posts/" + counted);
            browser.rendered();
            browser.until("the view beacon to answer", d -> (Boolean) browser.js(
                    "return performance.getEntriesByType('resource').some(e => e.name.endsWith('/views'))"));
            browser.until("the page to show the beacon's total", d -> browser.visible("view-count").getText().equals("1 view"));
        }
        Client.Reply exact = author.client().get("/api/posts/" + counted, author.token());
        assertThat(exact.json()).containsEntry("viewCount", 1L);
        // A count is written for the language: plain digits below 1000 (no number formatter is
        // built for those), grouped from there on.
        assertThat(browser.js("return import('/assets/i18n.js').then(i => [1, 999, 12345].map(n => i.t('viewCount', { n })))"))
                .isEqualTo(List.of("1 view", "999 views", "12,345 views"));
    }

    private static List<WebElement> cards() {
        return browser.all(testid("article-card"));
    }

    /** Hostile titles, summaries and names must have become text, never elements. */
    private static void assertNoInjectedMarkup() {
        assertThat(browser.js("return document.querySelectorAll('body script, [onerror], main img[src=\"x\"]').length"))
                .as("script elements or onerror attributes made from user text").isEqualTo(0L);
    }
}
