package io.blog.system;

import io.blog.system.Accounts.Account;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import java.awt.GradientPaint;
import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cover images through the gateway: an author uploads one, it is stored in every standard width
 * (none wider than the upload), served with immutable caching from the edge, shown on the article
 * page with a srcset and its own box, and named by Open Graph; bad uploads are clear 4xx problems.
 */
class MediaIT {

    private final Client anonymous = Client.newVisitor();
    private final String site = Topology.env("BLOG_PUBLIC_BASE_URL");

    @Test
    void anUploadedCoverIsServedInEveryWidthAndShownWithASrcset() throws IOException {
        Account author = Accounts.register("media");
        byte[] photo = jpeg(2400, 1600);

        Client.Reply uploaded = upload(author.token(), "image/jpeg", photo);
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        Map<String, Object> media = uploaded.json();
        String url = (String) media.get("url");
        assertThat(url).matches("/api/posts/media/[0-9a-f]{32}-1440x960");
        assertThat(uploaded.header("Location")).endsWith(url);
        assertThat(media.get("srcset")).isEqualTo(url + "/480 480w, " + url + "/960 960w, " + url + "/1440 1440w");

        // The same bytes again: the same image, nothing stored twice.
        Client.Reply again = upload(author.token(), "image/jpeg", photo);
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.json().get("url")).isEqualTo(url);

        for (int width : List.of(480, 960, 1440)) {
            HttpResponse<byte[]> variant = anonymous.sendForBytes(anonymous.request(url + "/" + width, null).GET());
            assertThat(variant.statusCode()).isEqualTo(200);
            assertThat(variant.headers().firstValue("Content-Type")).contains("image/jpeg");
            assertThat(variant.headers().firstValue("Cache-Control")).hasValueSatisfying(
                    c -> assertThat(c).contains("public").contains("max-age=31536000").contains("immutable"));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(variant.body()));
            assertThat(image.getWidth()).isEqualTo(width);
            assertThat(image.getHeight()).isEqualTo(width * 2 / 3);
            assertThat(new String(variant.body(), StandardCharsets.ISO_8859_1)).as("EXIF left behind").doesNotContain("Exif");
        }
        // Kept at the edge: the second fetch never reaches post-war.
        HttpResponse<byte[]> cached = anonymous.sendForBytes(anonymous.request(url + "/480", null).GET());
        assertThat(cached.headers().firstValue("X-Cache")).contains("HIT");
        assertThat(anonymous.get(url + "/1441").status()).isEqualTo(404);
        assertThat(anonymous.get(url.replace("-1440x960", "-1440x961") + "/480").status()).isEqualTo(404);

        String slug = publish(author, "Covered " + Accounts.uniqueName("c"), url);
        Client.Reply json = anonymous.get("/api/posts/" + slug);
        @SuppressWarnings("unchecked")
        Map<String, Object> cover = (Map<String, Object>) json.json().get("cover");
        assertThat(cover).containsEntry("srcset", media.get("srcset")).containsEntry("width", 1440L).containsEntry("height", 960L);

        Document page = Jsoup.parse(anonymous.get("/posts/" + slug).body());
        Element img = page.selectFirst("img.cover");
        assertThat(img.attr("srcset")).isEqualTo(media.get("srcset"));
        assertThat(img.attr("src")).isEqualTo(url + "/960");
        assertThat(img.attr("sizes")).isNotBlank();
        assertThat(img.attr("width") + "x" + img.attr("height")).isEqualTo("1440x960");
        assertThat(page.selectFirst("meta[property=og:image]").attr("content")).isEqualTo(site + url + "/1440");
    }

    @Test
    void onlyWritersUploadAndBadUploadsAreClearProblems() throws IOException {
        byte[] small = jpeg(200, 100);
        assertThat(upload(null, "image/jpeg", small).status()).isEqualTo(401);
        Account reader = Accounts.withRoles("mediareader", List.of("READER"));
        Client.Reply forbidden = upload(reader.token(), "image/jpeg", small);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.header("Content-Type")).startsWith("application/problem+json");

        Account author = Accounts.register("mediabad");
        Client.Reply script = upload(author.token(), "image/png", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));
        assertThat(script.status()).as("%s", script).isEqualTo(415);
        assertThat(script.json()).containsEntry("status", 415L);
        Client.Reply wrongType = upload(author.token(), "text/html", small);
        assertThat(wrongType.status()).as("%s", wrongType).isEqualTo(415);
        Client.Reply truncated = upload(author.token(), "image/jpeg", Arrays.copyOf(small, small.length / 2));
        assertThat(truncated.status()).as("%s", truncated).isEqualTo(400);
        assertThat(truncated.header("Content-Type")).startsWith("application/problem+json");
        Client.Reply empty = upload(author.token(), "image/jpeg", new byte[0]);
        assertThat(empty.status()).as("%s", empty).isEqualTo(400);

        long limit = Long.parseLong(Topology.envOr("BLOG_POSTS_MEDIA_MAX_BYTES", "8388608"));
        byte[] huge = new byte[(int) limit + 1];
        ThreadLocalRandom.current().nextBytes(huge);
        Client.Reply tooLarge = upload(author.token(), "image/jpeg", huge);
        assertThat(tooLarge.status()).as("%s", tooLarge).isEqualTo(413);
        assertThat(tooLarge.json()).containsEntry("status", 413L);

        // A cover that looks like an uploaded image but names none is refused; nothing is created.
        Client.Reply unknownCover = Client.newVisitor().send("POST", "/api/posts", author.token(),
                "{\"title\":\"No such cover\",\"body\":\"x\",\"status\":\"PUBLISHED\",\"coverImageUrl\":"
                        + "\"/api/posts/media/0123456789abcdef0123456789abcdef-100x100\"}");
        assertThat(unknownCover.status()).as("%s", unknownCover).isEqualTo(400);
        assertThat(unknownCover.body()).contains("coverImageUrl");
    }

    private static Client.Reply upload(String token, String type, byte[] bytes) {
        Client client = Client.newVisitor();
        return client.send(client.request("/api/posts/media", token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private static String publish(Account author, String title, String cover) {
        Client.Reply created = Client.newVisitor().send("POST", "/api/posts", author.token(),
                "{\"title\":\"" + title + "\",\"body\":\"A covered article.\",\"status\":\"PUBLISHED\",\"coverImageUrl\":\"" + cover + "\"}");
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return (String) created.json().get("slug");
    }

    /** A photo-like JPEG: a gradient with a random dot, so no two runs upload the same bytes. */
    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.DARK_GRAY));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(ThreadLocalRandom.current().nextInt(0xFFFFFF)));
        g.fillOval(ThreadLocalRandom.current().nextInt(width / 2), ThreadLocalRandom.current().nextInt(height / 2), 20, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}
