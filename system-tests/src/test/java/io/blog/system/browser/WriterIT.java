package io.blog.system.browser;

import io.blog.system.Client;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.http.HttpRequest;
import java.util.List;
import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static io.blog.system.browser.Browser.testid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An author's day, in order: registers in the browser (a reader until an administrator makes the
 * account an author, then signs in again), writes Markdown with the server-rendered
 * live preview, saves a draft, schedules and then publishes it, finds it in "My articles", edits
 * it, restores an old revision, meets a 412 conflict that keeps the typed text, and uploads a cover.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WriterIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    static final String WORD = Seed.word(10);
    static final String USERNAME = "wr-" + Seed.word(8);
    static final String PASSWORD = Seed.password();
    static final String TITLE = "Notes on " + WORD;
    static final String FIRST_BODY = "## Heading " + WORD + "\n\nSome *emphasis* and `inline code`.\n\n```\nlet first = 1;\n```\n";

    static String slug;

    @Test
    @Order(1)
    void registersInTheBrowser() {
        browser.open("/");
        browser.click("nav-register");
        browser.urlIs("/register");
        browser.rendered();
        browser.type("register-username", USERNAME);
        browser.type("register-email", USERNAME + "@example.test");
        browser.type("register-display-name", "Writer " + WORD);
        browser.type("register-password", PASSWORD);
        browser.click("register-form-submit");
        browser.urlIs("/");
        browser.textIn(testid("logout"), "Writer " + WORD);
        // New accounts read and comment (the production default); the page says how writing comes.
        browser.textIn(By.id("live"), "an administrator can make you an author");
        assertThat(browser.all(testid("nav-write"))).isEmpty();
        assertThat(browser.all(testid("nav-mine"))).isEmpty();

        // An administrator makes the account an author; that ends its session, and signed in
        // again it is offered the writing screens.
        Seed.Account admin = Seed.admin();
        assertThat(admin.client().send("PUT", "/api/users/" + USERNAME + "/roles", admin.token(),
                "{\"roles\":[\"AUTHOR\"]}").status()).isEqualTo(200);
        // The role change revoked the session: signing out is told so (401 for the token and for
        // the refresh the front end tries first), which is no error.
        browser.expectConsoleError("/api/users/(logout|refresh) - .*status of 401");
        browser.click("logout");
        browser.click("nav-login");
        browser.rendered();
        browser.type("login-username", USERNAME);
        browser.type("login-password", PASSWORD);
        browser.click("login-form-submit");
        browser.visible("logout");
        browser.visible("nav-write");
        browser.visible("nav-mine");
    }

    @Test
    @Order(2)
    void writesMarkdownWithLivePreviewAndSavesADraft() {
        browser.click("nav-write");
        browser.urlIs("/write");
        browser.rendered();
        browser.type("editor-title", TITLE);
        browser.type("editor-tags", "browser, " + WORD);
        browser.type("editor-body", FIRST_BODY);
        // The preview is the server's rendering (POST /api/posts/preview), not a client-side guess.
        WebElement preview = browser.visible("editor-preview");
        browser.until("the preview to render the Markdown", d -> !preview.findElements(By.cssSelector("h2")).isEmpty());
        assertThat(preview.findElement(By.cssSelector("h2")).getText()).isEqualTo("Heading " + WORD);
        assertThat(preview.findElement(By.cssSelector("em")).getText()).isEqualTo("emphasis");
        assertThat(preview.findElement(By.cssSelector("pre code")).getText()).contains("let first = 1;");
        assertThat(new Select(browser.visible("editor-status")).getFirstSelectedOption().getAttribute("value")).isEqualTo("DRAFT");

        browser.click("editor-save");
        browser.textIn(testid("editor-save-state"), "Saved at");
        browser.urlMatches(".*/write/[^/]+$");
        slug = browser.path().substring("/write/".length());
        assertThat(slug).isNotBlank();
        browser.screenshot("editor");

        // A draft is no public article yet.
        assertThat(Client.newVisitor().get("/api/posts/" + slug).status()).isIn(403, 404);
    }

    @Test
    @Order(3)
    void schedulesThenPublishesAndFindsItInMyArticles() {
        new Select(browser.visible("editor-status")).selectByValue("SCHEDULED");
        WebElement publishAt = browser.visible("editor-publish-at");
        String tomorrow = LocalDateTime.now().plusDays(1).truncatedTo(ChronoUnit.MINUTES).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        browser.js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", publishAt, tomorrow);
        browser.click("editor-save");
        browser.until("the scheduled save", d -> browser.visible("editor-save-state").getText().startsWith("Saved at"));

        browser.click("nav-mine");
        browser.urlIs("/me/articles");
        browser.rendered();
        WebElement item = browser.visible(By.cssSelector("[data-testid='mine-item'][data-slug='" + slug + "']"));
        assertThat(item.getAttribute("data-status")).isEqualTo("SCHEDULED");
        assertThat(item.getText()).contains("Scheduled for");

        item.findElement(By.cssSelector("h2 a")).click();
        browser.urlIs("/write/" + slug);
        browser.rendered();
        new Select(browser.visible("editor-status")).selectByValue("PUBLISHED");
        browser.until("the publish date field to hide", ExpectedConditions.invisibilityOfElementLocated(testid("editor-publish-at")));
        browser.click("editor-save");
        browser.visible("editor-view");

        browser.click("nav-mine");
        browser.rendered();
        assertThat(browser.visible(By.cssSelector("[data-testid='mine-item'][data-slug='" + slug + "']")).getAttribute("data-status"))
                .isEqualTo("PUBLISHED");
        browser.click(By.cssSelector("[data-testid='mine-item'][data-slug='" + slug + "'] a[href='/posts/" + slug + "']"));
        browser.urlIs("/posts/" + slug);
        browser.rendered();
        assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo(TITLE);
        assertThat(browser.visible("article-body").findElement(By.cssSelector("pre code")).getText()).contains("let first = 1;");
        assertThat(Client.newVisitor().get("/api/posts/" + slug).status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void editsThenRestoresTheFirstRevision() {
        browser.open("/posts/" + slug);
        browser.click("edit-article");
        browser.urlIs("/write/" + slug);
        browser.rendered();
        WebElement body = browser.visible("editor-body");
        assertThat(body.getAttribute("value")).isEqualTo(FIRST_BODY);
        body.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\nAn edited paragraph.\n");
        browser.click("editor-save");
        browser.textIn(testid("editor-save-state"), "Saved at");

        browser.click("editor-revisions");
        browser.urlIs("/write/" + slug + "/revisions");
        browser.rendered();
        int revisions = browser.all(testid("revision-item")).size();
        assertThat(revisions).as("create, schedule, publish, edit").isGreaterThanOrEqualTo(4);
        browser.click(By.xpath("//li[@data-testid='revision-item']/button[starts-with(normalize-space(.), 'Revision 1:')]"));
        assertThat(browser.visible("revision-body").getText()).contains("let first = 1;").doesNotContain("An edited paragraph.");
        browser.click("revision-restore");
        assertThat(browser.acceptConfirm()).contains("Restore revision 1?");
        browser.textIn(By.id("live"), "Revision 1 restored.");
        browser.until("a new revision for the restore", d -> browser.all(testid("revision-item")).size() == revisions + 1);

        browser.click(By.cssSelector("main a[href='/write/" + slug + "']"));
        browser.urlIs("/write/" + slug);
        browser.rendered();
        assertThat(browser.visible("editor-body").getAttribute("value")).isEqualTo(FIRST_BODY);
    }

    @Test
    @Order(5)
    void aConflictingSaveIsExplainedAndKeepsTheTypedText() {
        browser.expectConsoleError("/api/posts/.* 412|status of 412");
        String mine = "My unsaved words " + Seed.word(8);
        String theirs = "Changed by another editor " + Seed.word(8);
        WebElement body = browser.visible("editor-body");
        body.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\n" + mine + "\n");
        browser.textIn(testid("editor-save-state"), "Unsaved");

        // Meanwhile someone else saves the same article through the API.
        Seed.Account admin = Seed.admin();
        Client.Reply current = admin.client().get("/api/posts/" + slug, admin.token());
        assertThat(current.status()).isEqualTo(200);
        Map<String, Object> article = current.json();
        Map<String, Object> update = new HashMap<>();
        for (String key : new String[] {"title", "tags", "status", "summary", "coverImageUrl", "publishAt"}) {
            update.put(key, article.get(key));
        }
        update.put("body", theirs);
        Client.Reply saved = admin.client().send(admin.client().request("/api/posts/" + slug, admin.token())
                .header("Content-Type", "application/json").header("If-Match", current.header("ETag"))
                .PUT(HttpRequest.BodyPublishers.ofString(Seed.json(update))));
        assertThat(saved.status()).as("the other save: %s", saved).isEqualTo(200);

        browser.click("editor-save");
        WebElement conflict = browser.visible("editor-conflict");
        assertThat(conflict.getAttribute("role")).isEqualTo("alert");
        assertThat(conflict.getText()).contains("This article was changed by someone else", "Your text is still here");
        assertThat(browser.visible("editor-save-state").getText()).isEqualTo("Not saved.");
        assertThat(browser.visible("editor-body").getAttribute("value")).contains(mine).startsWith(FIRST_BODY.strip());
        browser.click("conflict-load");
        assertThat(browser.visible("conflict-server-body").getAttribute("value")).isEqualTo(theirs);
        browser.screenshot("editor-conflict");

        browser.click("conflict-overwrite");
        browser.textIn(testid("editor-save-state"), "Saved at");
        browser.until("the conflict notice to go", ExpectedConditions.invisibilityOfElementLocated(testid("editor-conflict")));
        assertThat(Client.newVisitor().get("/api/posts/" + slug, admin.token()).json().get("bodyMarkdown").toString()).contains(mine);
    }

    @Test
    @Order(6)
    void myArticlesLoadMoreWhenThereAreManyOfThem() {
        Seed.Account writer = Seed.login(Client.newVisitor(), USERNAME, PASSWORD);
        for (int i = 0; i < 20; i++) {
            Seed.article(writer, "Another note " + i + " " + WORD, "Text " + i + ".", List.of(), null);
        }

        browser.click("nav-mine");
        browser.urlIs("/me/articles");
        browser.rendered();
        browser.until("the first page of my articles", d -> browser.all(testid("mine-item")).size() == 20);
        assertThat(browser.all(By.cssSelector("[data-testid='mine-item'][data-slug='" + slug + "']")))
                .as("the oldest-updated article is on the second page").isEmpty();

        browser.click("load-more");
        browser.visible(By.cssSelector("[data-testid='mine-item'][data-slug='" + slug + "']"));
        assertThat(browser.all(testid("mine-item"))).hasSize(21);
        browser.until("load more to go away", ExpectedConditions.invisibilityOfElementLocated(testid("load-more")));
    }
    @Test
    @Order(7)
    void uploadsACoverThatReadersGetInTheWidthTheyNeed() throws Exception {
        BufferedImage photo = new BufferedImage(1800, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = photo.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.CYAN, 1800, 1200, Color.MAGENTA));
        g.fillRect(0, 0, 1800, 1200);
        g.setColor(Color.BLACK);
        g.drawString(WORD, 100, 100);
        g.dispose();
        Path file = Files.createTempFile("cover-", ".jpg");
        ImageIO.write(photo, "jpeg", file.toFile());

        browser.open("/write/" + slug);
        browser.rendered();
        browser.visible("editor-cover-file").sendKeys(file.toString());
        browser.until("the upload", d -> String.valueOf(browser.js(
                "return document.querySelector(\"[data-testid='editor-cover-state']\").textContent;")).startsWith("Uploaded, 1440×960"));
        assertThat(browser.visible("editor-cover-state").getText()).isEqualTo("Uploaded, 1440×960 pixels.");
        String cover = browser.visible("editor-cover").getAttribute("value");
        assertThat(cover).matches("/api/posts/media/[0-9a-f]{32}-1440x960");
        browser.until("the thumbnail", d -> (Boolean) browser.js(
                "const i = arguments[0]; return i.complete && i.naturalWidth === 480;", browser.visible("editor-cover-preview")));
        browser.click("editor-save");
        browser.until("the save", d -> browser.visible("editor-save-state").getText().startsWith("Saved at"));

        browser.click("editor-view");
        browser.urlIs("/posts/" + slug);
        browser.rendered();
        WebElement img = browser.visible(By.cssSelector("img.cover"));
        assertThat(img.getAttribute("srcset")).contains(cover + "/480 480w").contains(cover + "/1440 1440w");
        // The browser chose a width from the srcset (not the fallback src alone) and drew it in the box the page reserved.
        browser.until("the cover to load", d -> (Boolean) browser.js("return arguments[0].complete && arguments[0].naturalWidth > 0;", img));
        assertThat((String) browser.js("return arguments[0].currentSrc;", img)).matches(".*" + cover + "/(480|960|1440)$");
        browser.screenshot("article-with-cover");
    }
}
