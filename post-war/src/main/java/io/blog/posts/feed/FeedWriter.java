package io.blog.posts.feed;

import jakarta.enterprise.context.ApplicationScoped;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes feeds and the sitemap. Everything goes through a StAX writer, which escapes markup; what
 * it does not handle, characters that XML 1.0 forbids outright, is stripped here, so no title or
 * summary can make a reader reject the whole document.
 * <p>
 * Each document is returned as a string that begins with an XML declaration naming UTF-8; serve
 * it with {@code charset=UTF-8}.
 */
@ApplicationScoped
public class FeedWriter {

    /** The sitemaps.org limit for one file; beyond it search engines reject the sitemap. */
    public static final int MAX_SITEMAP_URLS = 50_000;

    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final String DC_NS = "http://purl.org/dc/elements/1.1/";
    private static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static final Pattern UUID = Pattern.compile(
            "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    private static final Pattern ABSOLUTE_IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");

    /**
     * What a feed says about the blog as a whole.
     *
     * @param title       the blog's name
     * @param siteUrl     absolute URL of the blog's home page
     * @param selfUrl     absolute URL the feed itself is served from; also the Atom feed's id
     * @param description one-line description; may be null
     * @param updated     when any entry last changed
     */
    public record FeedChannel(String title, String siteUrl, String selfUrl, String description, Instant updated) {

        public FeedChannel {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(siteUrl, "siteUrl");
            Objects.requireNonNull(selfUrl, "selfUrl");
            Objects.requireNonNull(updated, "updated");
            description = description == null ? "" : description;
        }
    }

    /**
     * One post in a feed.
     *
     * @param id         permanent identifier that survives edits: an absolute IRI ({@code tag:},
     *                   {@code urn:uuid:}, {@code https:}) or a bare UUID, which Atom receives as
     *                   {@code urn:uuid:}
     * @param title      the post's title
     * @param url        absolute URL of the post's page
     * @param summary    plain-text summary; may be null
     * @param authorName display name of the author; may be null, then the blog's title stands in
     * @param published  first publication; may be null, then {@code updated} stands in
     * @param updated    last significant change; may be null, then {@code published} stands in
     * @param categories tags or categories; may be null
     */
    public record FeedEntry(String id, String title, String url, String summary, String authorName,
                            Instant published, Instant updated, List<String> categories) {

        public FeedEntry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(url, "url");
            // Atom readers deduplicate by id, so a relative one like "42" would clash across blogs.
            if (!ABSOLUTE_IRI.matcher(id).matches() && !UUID.matcher(id).matches()) {
                throw new IllegalArgumentException("id must be an absolute IRI or a UUID, was " + id);
            }
            if (published == null && updated == null) {
                throw new IllegalArgumentException("published or updated is required");
            }
            published = published == null ? updated : published;
            updated = updated == null ? published : updated;
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
    }

    /**
     * One page in the sitemap.
     *
     * @param loc          absolute URL of the page
     * @param lastModified when its content last changed; may be null when unknown
     */
    public record SitemapUrl(String loc, Instant lastModified) {

        public SitemapUrl {
            Objects.requireNonNull(loc, "loc");
        }
    }


    /** RSS 2.0 with the Atom self link feed validators ask for and dc:creator for authors. */
    public String rss(FeedChannel channel, List<FeedEntry> entries) {
        return document(xml -> {
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("atom", ATOM_NS);
            xml.writeNamespace("dc", DC_NS);
            xml.writeStartElement("channel");
            element(xml, "title", channel.title());
            element(xml, "link", channel.siteUrl());
            element(xml, "description", channel.description());
            xml.writeEmptyElement("atom", "link", ATOM_NS);
            attribute(xml, "href", channel.selfUrl());
            xml.writeAttribute("rel", "self");
            xml.writeAttribute("type", "application/rss+xml");
            element(xml, "lastBuildDate", rfc822(channel.updated()));
            for (FeedEntry entry : entries) {
                xml.writeStartElement("item");
                element(xml, "title", entry.title());
                element(xml, "link", entry.url());
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "true");
                characters(xml, entry.url());
                xml.writeEndElement();
                if (entry.summary() != null) {
                    element(xml, "description", entry.summary());
                }
                element(xml, "pubDate", rfc822(entry.published()));
                for (String category : entry.categories()) {
                    element(xml, "category", category);
                }
                // RSS's own <author> must be an e-mail address, which is not ours to publish.
                if (hasText(entry.authorName())) {
                    xml.writeStartElement("dc", "creator", DC_NS);
                    characters(xml, entry.authorName());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** Atom 1.0 (RFC 4287). */
    public String atom(FeedChannel channel, List<FeedEntry> entries) {
        return document(xml -> {
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace(ATOM_NS);
            element(xml, "id", channel.selfUrl());
            textConstruct(xml, "title", channel.title());
            if (hasText(channel.description())) {
                textConstruct(xml, "subtitle", channel.description());
            }
            element(xml, "updated", rfc3339(channel.updated()));
            link(xml, "self", "application/atom+xml", channel.selfUrl());
            link(xml, "alternate", "text/html", channel.siteUrl());
            for (FeedEntry entry : entries) {
                xml.writeStartElement("entry");
                element(xml, "id", atomId(entry.id()));
                textConstruct(xml, "title", entry.title());
                link(xml, "alternate", "text/html", entry.url());
                element(xml, "published", rfc3339(entry.published()));
                element(xml, "updated", rfc3339(entry.updated()));
                // RFC 4287 requires an author on every entry when the feed names none.
                xml.writeStartElement("author");
                element(xml, "name", hasText(entry.authorName()) ? entry.authorName() : channel.title());
                xml.writeEndElement();
                if (entry.summary() != null) {
                    textConstruct(xml, "summary", entry.summary());
                }
                for (String category : entry.categories()) {
                    xml.writeEmptyElement("category");
                    attribute(xml, "term", category);
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    /**
     * A sitemaps.org 0.9 urlset.
     *
     * @throws IllegalArgumentException with more than {@link #MAX_SITEMAP_URLS} URLs, which need a
     *                                  sitemap index instead
     */
    public String sitemap(List<SitemapUrl> urls) {
        if (urls.size() > MAX_SITEMAP_URLS) {
            throw new IllegalArgumentException(
                    "A sitemap holds at most " + MAX_SITEMAP_URLS + " URLs, got " + urls.size());
        }
        return document(xml -> {
            xml.writeStartElement("urlset");
            xml.writeDefaultNamespace(SITEMAP_NS);
            for (SitemapUrl url : urls) {
                xml.writeStartElement("url");
                element(xml, "loc", url.loc());
                if (url.lastModified() != null) {
                    element(xml, "lastmod", rfc3339(url.lastModified()));
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static String document(Body body) {
        StringWriter out = new StringWriter();
        try {
            // The JDK's own factory: cheap to create, so each call gets one and no state is shared.
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write XML to memory", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        characters(xml, text);
        xml.writeEndElement();
    }

    private static void textConstruct(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeAttribute("type", "text");
        characters(xml, text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String rel, String type, String href) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        attribute(xml, "href", href);
    }

    private static void characters(XMLStreamWriter xml, String text) throws XMLStreamException {
        xml.writeCharacters(xmlSafe(text));
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, xmlSafe(value));
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }

    private static String atomId(String id) {
        return UUID.matcher(id).matches() ? "urn:uuid:" + id.toLowerCase(Locale.ROOT) : id;
    }

    private static String rfc822(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /* Whole seconds, as in the RSS dates: some feed readers and sitemap parsers reject fractions. */
    private static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /* Drops what XML 1.0 forbids: C0 controls other than tab and line breaks, U+FFFE/U+FFFF and lone surrogates. */
    private static String xmlSafe(String text) {
        if (text.codePoints().allMatch(FeedWriter::isXmlChar)) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length());
        text.codePoints().filter(FeedWriter::isXmlChar).forEach(safe::appendCodePoint);
        return safe.toString();
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
