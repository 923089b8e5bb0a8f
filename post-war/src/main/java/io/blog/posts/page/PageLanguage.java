package io.blog.posts.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;

/**
 * The page chrome in the front end's two languages (its i18n.js holds the same wording for the
 * screens it draws; PageLanguageWordingTest keeps the keys both have the same). A page is English
 * unless its address asks for {@code ?lang=zh-CN}: the language is part of the URL, so each variant
 * has its own canonical address and cache entry, and nothing varies on request headers.
 */
public enum PageLanguage {

    EN("en", "en_US", Locale.US, Map.ofEntries(
            Map.entry("site.description", "Articles, tutorials and notes from our authors."),
            Map.entry("skip", "Skip to content"),
            Map.entry("nav.label", "Main"),
            Map.entry("nav.home", "Home"),
            Map.entry("nav.search", "Search"),
            Map.entry("nav.login", "Sign in"),
            Map.entry("nav.register", "Register"),
            Map.entry("footer.feeds", "Subscribe:"),
            Map.entry("lang.other", "中文"),
            Map.entry("tags", "Tags"),
            Map.entry("tags.popular", "Popular tags"),
            Map.entry("home.title", "Latest articles"),
            Map.entry("tag.title", "Articles tagged #{tag}"),
            Map.entry("tag.description", "Articles tagged {tag}."),
            Map.entry("tag.feed", "RSS feed for this tag"),
            Map.entry("author.description", "Articles by {name}."),
            Map.entry("author.joined", "Joined"),
            Map.entry("list.empty", "Nothing here yet."),
            Map.entry("list.older", "Older articles"),
            Map.entry("list.newest", "Newest articles"),
            Map.entry("readingMinutes", "{n} min read"),
            Map.entry("viewCount.one", "{n} view"),
            Map.entry("viewCount.other", "{n} views"),
            Map.entry("commentCount.one", "{n} comment"),
            Map.entry("commentCount.other", "{n} comments"),
            Map.entry("article.aboutAuthor", "About the author"),
            Map.entry("article.moreByAuthor", "More articles by {name}"),
            Map.entry("article.neighbours", "More articles"),
            Map.entry("article.older", "Older"),
            Map.entry("article.newer", "Newer"),
            Map.entry("article.share", "Share"),
            Map.entry("article.shareEmail", "Email"),
            Map.entry("article.comments", "Comments are shown with JavaScript turned on."),
            Map.entry("breadcrumb", "Breadcrumb"),
            Map.entry("search.title", "Search"),
            Map.entry("search.titleFor", "Search: {q}"),
            Map.entry("search.query", "Search for"),
            Map.entry("search.submit", "Search"),
            Map.entry("search.count.one", "{n} result"),
            Map.entry("search.count.other", "{n} results"),
            Map.entry("search.countAtLeast", "{n}+ results"),
            Map.entry("search.none", "No articles match."),
            Map.entry("search.more", "More results"),
            Map.entry("notFound.title", "Page not found"),
            Map.entry("notFound.text", "There is nothing at this address. It may have moved or been deleted."),
            Map.entry("gone.title", "Article deleted"),
            Map.entry("gone.text", "This article was deleted by its author and is no longer available."),
            Map.entry("badRequest.title", "This address is not valid"),
            Map.entry("badRequest.text", "Part of the address cannot be read. Start again from the home page."))),

    ZH_CN("zh-CN", "zh_CN", Locale.SIMPLIFIED_CHINESE, Map.ofEntries(
            Map.entry("site.description", "作者们的文章、教程与笔记。"),
            Map.entry("skip", "跳到正文"),
            Map.entry("nav.label", "主导航"),
            Map.entry("nav.home", "首页"),
            Map.entry("nav.search", "搜索"),
            Map.entry("nav.login", "登录"),
            Map.entry("nav.register", "注册"),
            Map.entry("footer.feeds", "订阅："),
            Map.entry("lang.other", "English"),
            Map.entry("tags", "标签"),
            Map.entry("tags.popular", "热门标签"),
            Map.entry("home.title", "最新文章"),
            Map.entry("tag.title", "标签 #{tag} 下的文章"),
            Map.entry("tag.description", "标签为 {tag} 的文章。"),
            Map.entry("tag.feed", "此标签的 RSS 订阅"),
            Map.entry("author.description", "{name} 的文章。"),
            Map.entry("author.joined", "加入于"),
            Map.entry("list.empty", "这里还没有内容。"),
            Map.entry("list.older", "更早的文章"),
            Map.entry("list.newest", "最新文章"),
            Map.entry("readingMinutes", "阅读约 {n} 分钟"),
            Map.entry("viewCount.one", "{n} 次阅读"),
            Map.entry("viewCount.other", "{n} 次阅读"),
            Map.entry("commentCount.one", "{n} 条评论"),
            Map.entry("commentCount.other", "{n} 条评论"),
            Map.entry("article.aboutAuthor", "关于作者"),
            Map.entry("article.moreByAuthor", "{name} 的更多文章"),
            Map.entry("article.neighbours", "更多文章"),
            Map.entry("article.older", "上一篇"),
            Map.entry("article.newer", "下一篇"),
            Map.entry("article.share", "分享"),
            Map.entry("article.shareEmail", "邮件"),
            Map.entry("article.comments", "开启 JavaScript 后可查看评论。"),
            Map.entry("breadcrumb", "面包屑导航"),
            Map.entry("search.title", "搜索"),
            Map.entry("search.titleFor", "搜索：{q}"),
            Map.entry("search.query", "搜索内容"),
            Map.entry("search.submit", "搜索"),
            Map.entry("search.count.one", "共 {n} 条结果"),
            Map.entry("search.count.other", "共 {n} 条结果"),
            Map.entry("search.countAtLeast", "{n} 条以上结果"),
            Map.entry("search.none", "没有匹配的文章。"),
            Map.entry("search.more", "更多结果"),
            Map.entry("notFound.title", "页面不存在"),
            Map.entry("notFound.text", "这个地址没有内容，可能已被移动或删除。"),
            Map.entry("gone.title", "文章已删除"),
            Map.entry("gone.text", "这篇文章已被作者删除，无法再访问。"),
            Map.entry("badRequest.title", "地址无效"),
            Map.entry("badRequest.text", "地址的一部分无法识别，请从首页重新开始。")));

    private final String tag;
    private final String ogLocale;
    private final Locale locale;
    private final Map<String, String> texts;
    private final DateTimeFormatter dates;

    PageLanguage(String tag, String ogLocale, Locale locale, Map<String, String> texts) {
        this.tag = tag;
        this.ogLocale = ogLocale;
        this.locale = locale;
        this.texts = texts;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC);
    }

    /** The language a {@code lang} query parameter asks for; anything else is English. */
    public static PageLanguage of(String requested) {
        return ZH_CN.tag.equalsIgnoreCase(requested == null ? "" : requested.trim()) ? ZH_CN : EN;
    }

    /** The BCP 47 tag, for {@code lang} and {@code hreflang}. */
    public String tag() {
        return tag;
    }

    public String ogLocale() {
        return ogLocale;
    }

    /** The query that selects this language on any page: empty for the default. */
    public String query() {
        return this == EN ? "" : "lang=" + tag;
    }

    public PageLanguage other() {
        return this == EN ? ZH_CN : EN;
    }

    /** A UI string with {name} placeholders filled from alternating name/value arguments. */
    public String t(String key, Object... namesAndValues) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("No page text '" + key + "'");
        }
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            text = text.replace("{" + namesAndValues[i] + "}", String.valueOf(namesAndValues[i + 1]));
        }
        return text;
    }

    /** Every text of the language, by key (a test holds them to the front end's wording). */
    Map<String, String> texts() {
        return texts;
    }

    /** A count with its noun: "1 view", "2 views". */
    public String count(String key, long n) {
        return t(key + (n == 1 ? ".one" : ".other"), "n", String.format(locale, "%,d", n));
    }

    public String date(Instant instant) {
        return instant == null ? "" : dates.format(instant);
    }
}
