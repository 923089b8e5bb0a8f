package io.blog.posts.it;

import io.blog.common.testing.TestHttp.Reply;
import io.blog.common.testing.Accounts.User;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Feeds and sitemap parse as XML and carry absolute links from the configured public address. */
class FeedIT {

    @Test
    void rssAtomAndSitemapListTheArticleWithAbsoluteUrls() throws Exception {
        User author = Api.author("feeder");
        String tag = Api.unique("feedtag").toLowerCase();
        Map<String, Object> article = Api.create(author, "Feed me <now> & " + tag, "b", "PUBLISHED", List.of(tag));
        String slug = (String) article.get("slug");

        Reply rss = Api.get("/feed.rss?tag=" + tag, null);
        Reply atom = Api.get("/feed.atom?tag=" + tag, null);
        Reply sitemap = Api.get("/sitemap.xml", null);

        assertThat(rss.header("Content-Type")).startsWith("application/rss+xml");
        assertThat(atom.header("Content-Type")).startsWith("application/atom+xml");
        Document rssDoc = parse(rss.body());
        Document atomDoc = parse(atom.body());
        Document sitemapDoc = parse(sitemap.body());
        assertThat(rssDoc.getDocumentElement().getAttribute("version")).isEqualTo("2.0");
        assertThat(rssDoc.getElementsByTagName("item").getLength()).isEqualTo(1);
        assertThat(rssDoc.getElementsByTagName("title").item(1).getTextContent()).isEqualTo("Feed me <now> & " + tag);
        assertThat(rssDoc.getElementsByTagName("link").item(1).getTextContent()).startsWith("https://blog.example.test/posts/");
        assertThat(atomDoc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(atomDoc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry").getLength()).isEqualTo(1);
        assertThat(sitemapDoc.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
        assertThat(sitemap.body()).contains("https://blog.example.test/posts/" + slug);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
