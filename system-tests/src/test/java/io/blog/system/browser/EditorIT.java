package io.blog.system.browser;

import io.blog.system.Client;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;

import static io.blog.system.browser.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;

/** An editor signs in, approves a new reader's pending comment in the moderation view, and anonymous readers then see it. */
class EditorIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String TEXT = "First comment, waiting for an editor " + Seed.word(10);

    static final String TITLE = "Moderated " + Seed.word(8);
    static Seed.Account editor;
    static String slug;
    static String commentId;

    @BeforeAll
    static void seed() {
        Seed.Account author = Seed.author("ea", null);
        slug = (String) Seed.article(author, TITLE, "Comments welcome.", List.of("moderation"), null).get("slug");
        Map<String, Object> comment = Seed.comment(Seed.register("ec", null), slug, TEXT);
        assertThat(comment.get("status")).as("a new user's first comment waits").isEqualTo("PENDING");
        commentId = String.valueOf(comment.get("id"));
        editor = Seed.withRoles("ed", "AUTHOR", "EDITOR");
    }

    @Test
    void approvesAPendingCommentWhichAnonymousReadersThenSee() {
        browser.open("/posts/" + slug);
        browser.visible("comment-login");
        browser.textIn(By.id("comments"), "No comments yet.");
        assertThat(browser.driver().findElement(By.id("comments")).getText()).doesNotContain(TEXT);

        browser.click("nav-login");
        browser.rendered();
        browser.type("login-username", editor.username());
        browser.type("login-password", editor.password());
        browser.click("login-form-submit");
        browser.visible("logout");
        browser.click("nav-moderation");
        browser.urlIs("/moderation");
        browser.rendered();
        By row = By.cssSelector("[data-testid='moderation-row'][data-id='" + commentId + "']");
        // The queue is oldest first and paged by cursor; other flows may have left comments waiting.
        while (browser.all(row).isEmpty()) {
            int before = browser.all(testid("moderation-row")).size();
            assertThat(browser.all(testid("load-more"))).as("the comment is in the queue").anyMatch(WebElement::isDisplayed);
            browser.click("load-more");
            browser.until("the next page of the queue", d -> browser.all(testid("moderation-row")).size() > before);
        }
        WebElement pending = browser.visible(row);
        assertThat(pending.getText()).contains(TEXT);
        // The row names the article by its title once the lookup answers, and links to it by slug.
        browser.until("the article's title in the row", d -> pending.findElement(testid("moderation-post")).getText().contains(TITLE));
        assertThat(pending.findElement(testid("moderation-post")).getAttribute("href")).endsWith("/posts/" + slug + "#comments");
        browser.screenshot("moderation");

        pending.findElement(testid("moderation-approve")).click();
        browser.until("the approved row to leave the queue", ExpectedConditions.stalenessOf(pending));
        browser.textIn(By.id("live"), "Approve: 1 comment.");
        assertThat(browser.all(row)).isEmpty();

        browser.click("logout");
        browser.visible("nav-login");
        // The anonymous thread read at the start may still be the gateway's copy for the bound the
        // services announce (EdgeCacheIT): a reader opening the page again within it sees the change.
        By approved = By.xpath("//li[@data-testid='comment-item'][contains(., '" + TEXT + "')]");
        browser.until("the approved comment on a fresh visit", d -> {
            browser.open("/posts/" + slug);
            browser.rendered();
            browser.until("the thread to load", x -> !browser.all(approved).isEmpty()
                    || browser.driver().findElement(By.id("comments")).getText().contains("No comments yet."));
            return !browser.all(approved).isEmpty();
        });
        WebElement shown = browser.visible(approved);
        assertThat(shown.findElements(testid("comment-pending"))).isEmpty();
        assertThat(Client.newVisitor().get("/api/comments?post=" + slug).body()).contains(TEXT);
    }
}
