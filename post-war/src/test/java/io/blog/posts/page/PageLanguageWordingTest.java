package io.blog.posts.page;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server-rendered page and the same screen drawn by the front end must read the same: every
 * key that PageLanguage and the front end's i18n.js both have carries the same text.
 */
class PageLanguageWordingTest {

    private static final Path I18N = Path.of("../frontend/src/main/webapp/assets/i18n.js");
    /** {@code key: 'text',} or {@code 'key.x': 'text',} */
    private static final Pattern TEXT = Pattern.compile("^\\s*'?([\\w.]+)'?:\\s*'((?:[^'\\\\]|\\\\.)*)',?\\s*$");
    /** {@code key: { one: 'text', other: 'text' },} */
    private static final Pattern PLURAL = Pattern.compile(
            "^\\s*'?([\\w.]+)'?:\\s*\\{\\s*one:\\s*'((?:[^'\\\\]|\\\\.)*)',\\s*other:\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*},?\\s*$");

    @Test
    void englishReadsAsTheFrontEndsEnglish() throws IOException {
        assertSameWording(PageLanguage.EN, "en");
    }

    @Test
    void chineseReadsAsTheFrontEndsChinese() throws IOException {
        assertSameWording(PageLanguage.ZH_CN, "zh");
    }

    private static void assertSameWording(PageLanguage language, String table) throws IOException {
        Map<String, String> frontEnd = table(table);
        Map<String, String> shared = new TreeMap<>();
        Map<String, String> server = new TreeMap<>();
        language.texts().forEach((key, text) -> {
            if (frontEnd.containsKey(key)) {
                shared.put(key, frontEnd.get(key));
                server.put(key, text);
            }
        });
        // Enough in common that a parser gone wrong cannot pass by finding nothing to compare.
        assertThat(shared).as("keys shared with i18n.js's %s table", table).hasSizeGreaterThan(20);
        assertThat(server).as("PageLanguage.%s against i18n.js", language).isEqualTo(shared);
    }

    /** One table of i18n.js ({@code const en = {…};}), plurals as {@code key.one} and {@code key.other}. */
    private static Map<String, String> table(String name) throws IOException {
        Map<String, String> texts = new HashMap<>();
        boolean inside = false;
        for (String line : Files.readAllLines(I18N)) {
            if (line.startsWith("const " + name + " = {")) {
                inside = true;
            } else if (inside && line.startsWith("};")) {
                break;
            } else if (inside) {
                Matcher plural = PLURAL.matcher(line);
                Matcher text = TEXT.matcher(line);
                if (plural.matches()) {
                    texts.put(plural.group(1) + ".one", unescape(plural.group(2)));
                    texts.put(plural.group(1) + ".other", unescape(plural.group(3)));
                } else if (text.matches()) {
                    // A count whose wording does not change with the number (Chinese) is one string.
                    for (String key : new String[] {text.group(1), text.group(1) + ".one", text.group(1) + ".other"}) {
                        texts.put(key, unescape(text.group(2)));
                    }
                }
            }
        }
        return texts;
    }

    private static String unescape(String js) {
        return js.replace("\\'", "'").replace("\\\\", "\\");
    }
}
