package io.blog.posts.slug;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SlugsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            Hello World                    | hello-world
            Java 25 & Jakarta EE 11!       | java-25-jakarta-ee-11
            你好 世界 Hello                  | 你好-世界-hello
            深入理解Java虚拟机                | 深入理解java虚拟机
            Crème Brûlée                   | creme-brulee
            Ångström, Zürich & São Paulo   | angstrom-zurich-sao-paulo
            Straße in Łódź                 | strasse-in-lodz
            İstanbul                       | istanbul
            Ｆｕｌｌｗｉｄｔｈ　ＡＢＣ１２３    | fullwidth-abc123
            ---Leading -- and trailing---  | leading-and-trailing
            Don't stop                     | don-t-stop
            «Quotes», (parens) [brackets]  | quotes-parens-brackets
            emoji 🚀 launch                 | emoji-launch
            Привет мир                     | привет-мир
            हिन्दी भाषा                     | हिन्दी-भाषा
            ガイド 入門                      | ガイド-入門
            한국어 제목                      | 한국어-제목
            """)
    void slugifies(String title, String slug) {
        assertThat(Slugs.slugify(title)).isEqualTo(slug);
        assertThat(Slugs.isValid(slug)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"!!!", "   ", "🚀🎉", "---", "\u0301\u0308"})
    void fallsBackWhenNothingUsableRemains(String title) {
        assertThat(Slugs.slugify(title)).isEqualTo("post");
    }

    @Test
    void capsLengthWithoutATrailingHyphen() {
        String slug = Slugs.slugify("a".repeat(79) + " bcd");

        assertThat(slug).isEqualTo("a".repeat(79));
        assertThat(Slugs.slugify("word ".repeat(40))).hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH).doesNotEndWith("-")
                .startsWith("word-word-");
        assertThat(Slugs.slugify("x".repeat(500))).isEqualTo("x".repeat(Slugs.MAX_LENGTH));
    }

    @Test
    void capsLengthAtACodePointBoundary() {
        String slug = Slugs.slugify("𠀀".repeat(60));

        assertThat(slug).isEqualTo("𠀀".repeat(40));
        assertThat(slug.length()).isEqualTo(Slugs.MAX_LENGTH);
        assertThat(Slugs.slugify("a" + "𠀀".repeat(60))).isEqualTo("a" + "𠀀".repeat(39));
    }

    @Test
    void isIdempotent() {
        for (String title : new String[]{"Crème Brûlée", "你好 世界 Hello", "Ｆｕｌｌ ①", "ガイド", "a".repeat(200)}) {
            String slug = Slugs.slugify(title);
            assertThat(Slugs.slugify(slug)).isEqualTo(slug);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello-world", "你好-世界-hello", "post", "a", "2024-recap"})
    void acceptsSlugs(String slug) {
        assertThat(Slugs.isValid(slug)).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Hello-World", "hello--world", "-hello", "hello-", "hello world", "crème",
            "../etc/passwd", "hello_world", "%2e%2e", "hello\u0000", "ｆｕｌｌ", "<script>"})
    void rejectsJunk(String slug) {
        assertThat(Slugs.isValid(slug)).isFalse();
    }

    @Test
    void rejectsSlugsOverTheCap() {
        assertThat(Slugs.isValid("a".repeat(Slugs.MAX_LENGTH))).isTrue();
        assertThat(Slugs.isValid("a".repeat(Slugs.MAX_LENGTH + 1))).isFalse();
    }
}
