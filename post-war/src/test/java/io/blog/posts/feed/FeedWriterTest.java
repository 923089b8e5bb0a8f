package io.blog.posts.feed;

import io.blog.posts.feed.FeedWriter.FeedChannel;
import io.blog.posts.feed.FeedWriter.FeedEntry;
import io.blog.posts.feed.FeedWriter.SitemapUrl;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedWriterTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private static final Instant BUILT = Instant.parse("2025-03-04T05:06:07.890Z");
    private static final Instant PUBLISHED = Instant.parse("2025-01-02T03:04:05Z");
    private static final Instant EDITED = Instant.parse("2025-02-03T04:05:06Z");
    private static final String HOSTILE = "A < B & C\u0000\u0001\u0008\u000B\u000C\u001F\uFFFE\uD800 ]]> \"D\" 'E' 你好";
    private static final String HOSTILE_CLEANED = "A < B & C ]]> \"D\" 'E' 你好";

    private final FeedWriter writer = new FeedWriter();
    private final FeedChannel channel = new FeedChannel("Dev <Notes> & more", "https://blog.example/",
            "https://blog.example/feed.xml", "Writing about Java", BUILT);
    private final FeedEntry entry = new FeedEntry("urn:uuid:6f1e3c52-4c1a-4f0e-9d35-0b1c2d3e4f50", "First post",
            "https://blog.example/posts/first-post?ref=feed&lang=en", "What this is about", "Ann Author",
            PUBLISHED, EDITED, List.of("java", "jakarta-ee"));

    @Test
    void rssHasTheRequiredChannelElementsAndSelfLink() {
        String xml = writer.rss(channel, List.of(entry));
        Element rss = parse(xml).getDocumentElement();

        assertThat(xml).startsWith(XML_DECLARATION);
        assertThat(rss.getTagName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        Element ch = child(rss, null, "channel");
        assertThat(text(ch, "title")).isEqualTo("Dev <Notes> & more");
        assertThat(text(ch, "link")).isEqualTo("https://blog.example/");
        assertThat(text(ch, "description")).isEqualTo("Writing about Java");
        Element self = child(ch, ATOM, "link");
        assertThat(self.getAttribute("href")).isEqualTo("https://blog.example/feed.xml");
        assertThat(self.getAttribute("rel")).isEqualTo("self");
        assertThat(self.getAttribute("type")).isEqualTo("application/rss+xml");
        assertThat(text(ch, "lastBuildDate")).isEqualTo("Tue, 4 Mar 2025 05:06:07 GMT");
        assertThat(rfc822(text(ch, "lastBuildDate"))).isEqualTo(Instant.parse("2025-03-04T05:06:07Z"));
    }

    @Test
    void rssItemsCarryLinkGuidDatesCategoriesAndCreator() {
        Element item = child(child(parse(writer.rss(channel, List.of(entry))).getDocumentElement(), null, "channel"),
                null, "item");

        assertThat(text(item, "title")).isEqualTo("First post");
        assertThat(text(item, "link")).isEqualTo("https://blog.example/posts/first-post?ref=feed&lang=en");
        Element guid = child(item, null, "guid");
        assertThat(guid.getAttribute("isPermaLink")).isEqualTo("true");
        assertThat(guid.getTextContent()).isEqualTo("https://blog.example/posts/first-post?ref=feed&lang=en");
        assertThat(text(item, "description")).isEqualTo("What this is about");
        assertThat(rfc822(text(item, "pubDate"))).isEqualTo(PUBLISHED);
        assertThat(texts(item, null, "category")).containsExactly("java", "jakarta-ee");
        assertThat(child(item, DC, "creator").getTextContent()).isEqualTo("Ann Author");
        assertThat(children(item, null, "author")).isEmpty();
    }

    @Test
    void rssLeavesOutWhatAnEntryDoesNotHave() {
        FeedEntry bare = new FeedEntry("tag:blog.example,2025:1", "Bare", "https://blog.example/posts/bare",
                null, null, PUBLISHED, null, null);
        Element item = child(child(parse(writer.rss(channel, List.of(bare))).getDocumentElement(), null, "channel"),
                null, "item");

        assertThat(children(item, null, "description")).isEmpty();
        assertThat(children(item, DC, "creator")).isEmpty();
        assertThat(children(item, null, "category")).isEmpty();
    }

    @Test
    void rssWithoutEntriesIsStillAValidChannel() {
        Element ch = child(parse(writer.rss(channel, List.of())).getDocumentElement(), null, "channel");

        assertThat(children(ch, null, "item")).isEmpty();
        assertThat(text(ch, "title")).isEqualTo("Dev <Notes> & more");
    }

    @Test
    void atomHasFeedIdTitleUpdatedAndLinks() {
        String xml = writer.atom(channel, List.of(entry));
        Element feed = parse(xml).getDocumentElement();

        assertThat(xml).startsWith(XML_DECLARATION);
        assertThat(feed.getNamespaceURI()).isEqualTo(ATOM);
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(child(feed, ATOM, "id").getTextContent()).isEqualTo("https://blog.example/feed.xml");
        assertThat(child(feed, ATOM, "title").getTextContent()).isEqualTo("Dev <Notes> & more");
        assertThat(child(feed, ATOM, "subtitle").getTextContent()).isEqualTo("Writing about Java");
        assertThat(child(feed, ATOM, "updated").getTextContent()).isEqualTo("2025-03-04T05:06:07Z");
        assertThat(rfc3339(child(feed, ATOM, "updated").getTextContent())).isEqualTo(Instant.parse("2025-03-04T05:06:07Z"));
        List<Element> links = children(feed, ATOM, "link");
        assertThat(links).extracting(l -> l.getAttribute("rel")).containsExactly("self", "alternate");
        assertThat(links).extracting(l -> l.getAttribute("href"))
                .containsExactly("https://blog.example/feed.xml", "https://blog.example/");
        assertThat(links.getFirst().getAttribute("type")).isEqualTo("application/atom+xml");
    }

    @Test
    void atomEntriesCarryIdLinkDatesAuthorSummaryAndCategories() {
        Element e = child(parse(writer.atom(channel, List.of(entry))).getDocumentElement(), ATOM, "entry");

        assertThat(child(e, ATOM, "id").getTextContent()).isEqualTo("urn:uuid:6f1e3c52-4c1a-4f0e-9d35-0b1c2d3e4f50");
        assertThat(child(e, ATOM, "title").getTextContent()).isEqualTo("First post");
        Element link = child(e, ATOM, "link");
        assertThat(link.getAttribute("rel")).isEqualTo("alternate");
        assertThat(link.getAttribute("href")).isEqualTo("https://blog.example/posts/first-post?ref=feed&lang=en");
        assertThat(rfc3339(child(e, ATOM, "published").getTextContent())).isEqualTo(PUBLISHED);
        assertThat(rfc3339(child(e, ATOM, "updated").getTextContent())).isEqualTo(EDITED);
        assertThat(child(child(e, ATOM, "author"), ATOM, "name").getTextContent()).isEqualTo("Ann Author");
        assertThat(child(e, ATOM, "summary").getTextContent()).isEqualTo("What this is about");
        assertThat(children(e, ATOM, "category")).extracting(c -> c.getAttribute("term"))
                .containsExactly("java", "jakarta-ee");
    }

    @Test
    void atomGivesBareUuidsAUrnAndEveryEntryAnAuthor() {
        FeedEntry anonymous = new FeedEntry("6F1E3C52-4C1A-4F0E-9D35-0B1C2D3E4F50", "Anonymous",
                "https://blog.example/posts/anonymous", null, " ", null, EDITED, List.of());
        Element e = child(parse(writer.atom(channel, List.of(anonymous))).getDocumentElement(), ATOM, "entry");

        assertThat(child(e, ATOM, "id").getTextContent()).isEqualTo("urn:uuid:6f1e3c52-4c1a-4f0e-9d35-0b1c2d3e4f50");
        assertThat(child(child(e, ATOM, "author"), ATOM, "name").getTextContent()).isEqualTo("Dev <Notes> & more");
        assertThat(rfc3339(child(e, ATOM, "published").getTextContent())).isEqualTo(EDITED);
        assertThat(children(e, ATOM, "summary")).isEmpty();
    }

    @Test
    void sitemapListsLocationsWithW3cDates() {
        String xml = writer.sitemap(List.of(
                new SitemapUrl("https://blog.example/posts/a?x=1&y=2", PUBLISHED),
                new SitemapUrl("https://blog.example/", null)));
        Element urlset = parse(xml).getDocumentElement();

        assertThat(xml).startsWith(XML_DECLARATION);
        assertThat(urlset.getNamespaceURI()).isEqualTo(SITEMAP);
        assertThat(urlset.getLocalName()).isEqualTo("urlset");
        List<Element> urls = children(urlset, SITEMAP, "url");
        assertThat(urls).hasSize(2);
        assertThat(child(urls.get(0), SITEMAP, "loc").getTextContent()).isEqualTo("https://blog.example/posts/a?x=1&y=2");
        assertThat(child(urls.get(0), SITEMAP, "lastmod").getTextContent())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(Z|[+-]\\d{2}:\\d{2})");
        assertThat(rfc3339(child(urls.get(0), SITEMAP, "lastmod").getTextContent())).isEqualTo(PUBLISHED);
        assertThat(children(urls.get(1), SITEMAP, "lastmod")).isEmpty();
    }

    @Test
    void sitemapRefusesMoreUrlsThanTheProtocolAllows() {
        List<SitemapUrl> urls = new ArrayList<>(Collections.nCopies(FeedWriter.MAX_SITEMAP_URLS,
                new SitemapUrl("https://blog.example/", null)));
        assertThat(parse(writer.sitemap(urls)).getDocumentElement().getChildNodes().getLength())
                .isEqualTo(FeedWriter.MAX_SITEMAP_URLS);

        urls.add(new SitemapUrl("https://blog.example/one-too-many", null));
        assertThatThrownBy(() -> writer.sitemap(urls)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hostileTextRoundTripsWithoutBreakingAnyDocument() {
        FeedChannel hostileChannel = new FeedChannel(HOSTILE, "https://blog.example/?a=1&b=<2>",
                "https://blog.example/feed.xml", HOSTILE, BUILT);
        FeedEntry hostileEntry = new FeedEntry("tag:blog.example,2025:<1>&", HOSTILE,
                "https://blog.example/posts/x?a=1&b=\"2\"", HOSTILE, HOSTILE, PUBLISHED, EDITED, List.of(HOSTILE));

        Element rssItem = child(child(parse(writer.rss(hostileChannel, List.of(hostileEntry))).getDocumentElement(),
                null, "channel"), null, "item");
        assertThat(text(rssItem, "title")).isEqualTo(HOSTILE_CLEANED);
        assertThat(text(rssItem, "description")).isEqualTo(HOSTILE_CLEANED);
        assertThat(text(rssItem, "category")).isEqualTo(HOSTILE_CLEANED);
        assertThat(child(rssItem, DC, "creator").getTextContent()).isEqualTo(HOSTILE_CLEANED);
        assertThat(text(rssItem, "link")).isEqualTo("https://blog.example/posts/x?a=1&b=\"2\"");

        Element feed = parse(writer.atom(hostileChannel, List.of(hostileEntry))).getDocumentElement();
        assertThat(child(feed, ATOM, "title").getTextContent()).isEqualTo(HOSTILE_CLEANED);
        assertThat(children(feed, ATOM, "link").get(1).getAttribute("href")).isEqualTo("https://blog.example/?a=1&b=<2>");
        Element atomEntry = child(feed, ATOM, "entry");
        assertThat(child(atomEntry, ATOM, "id").getTextContent()).isEqualTo("tag:blog.example,2025:<1>&");
        assertThat(child(atomEntry, ATOM, "title").getTextContent()).isEqualTo(HOSTILE_CLEANED);
        assertThat(child(atomEntry, ATOM, "category").getAttribute("term")).isEqualTo(HOSTILE_CLEANED);

        Element url = child(parse(writer.sitemap(List.of(new SitemapUrl("https://blog.example/\u0001a&b", null))))
                .getDocumentElement(), SITEMAP, "url");
        assertThat(child(url, SITEMAP, "loc").getTextContent()).isEqualTo("https://blog.example/a&b");
    }

    @Test
    void manyEntriesKeepTheirOrder() {
        List<FeedEntry> entries = IntStream.range(0, 20)
                .mapToObj(i -> new FeedEntry("tag:blog.example,2025:" + i, "Post " + i,
                        "https://blog.example/posts/" + i, null, "Ann", PUBLISHED, null, List.of()))
                .toList();

        Element feed = parse(writer.atom(channel, entries)).getDocumentElement();
        assertThat(children(feed, ATOM, "entry")).extracting(e -> child(e, ATOM, "title").getTextContent())
                .containsExactlyElementsOf(entries.stream().map(FeedEntry::title).toList());
    }

    @Test
    void entriesNeedAPermanentIdAndADate() {
        assertThatThrownBy(() -> new FeedEntry("42", "t", "https://blog.example/p", null, null, PUBLISHED, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedEntry("tag:x,2025:1", "t", "https://blog.example/p", null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedChannel(null, "https://blog.example/", "https://blog.example/feed", null, BUILT))
                .isInstanceOf(NullPointerException.class);
        assertThat(new FeedEntry("tag:x,2025:1", "t", "https://blog.example/p", null, null, null, EDITED, null).published())
                .isEqualTo(EDITED);
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML: " + xml, e);
        }
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && localName.equals(e.getLocalName())
                    && Objects.equals(namespace, e.getNamespaceURI())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        assertThat(found).as("<%s> in <%s>", localName, parent.getTagName()).hasSize(1);
        return found.getFirst();
    }

    private static String text(Element parent, String localName) {
        return child(parent, null, localName).getTextContent();
    }

    private static List<String> texts(Element parent, String namespace, String localName) {
        return children(parent, namespace, localName).stream().map(Element::getTextContent).toList();
    }

    private static Instant rfc822(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    }

    private static Instant rfc3339(String date) {
        return ZonedDateTime.parse(date, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }
}
