package io.blog.posts.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MediaIdTest {

    private static final String HASH = "0123456789abcdef0123456789abcdef";

    @Test
    void theAddressNamesEveryVariantAndItsHeight() {
        MediaId id = MediaId.parse(HASH + "-1440x960").orElseThrow();

        assertThat(id.variantWidths()).containsExactly(480, 960, 1440);
        assertThat(id.heightAt(480)).isEqualTo(320);
        assertThat(id.variantPath(960)).isEqualTo("/api/posts/media/" + HASH + "-1440x960/960");
        assertThat(MediaId.fromPath(id.path())).contains(id);
    }

    @Test
    void anImageBetweenStandardWidthsHasItsOwnWidthLast() {
        assertThat(MediaId.parse(HASH + "-700x400").orElseThrow().variantWidths()).containsExactly(480, 700);
        assertThat(MediaId.parse(HASH + "-480x100").orElseThrow().variantWidths()).containsExactly(480);
    }

    @Test
    void malformedOrImpossibleAddressesNameNothing() {
        assertThat(MediaId.parse(HASH + "-1441x960")).isEmpty();
        assertThat(MediaId.parse(HASH.toUpperCase() + "-100x100")).isEmpty();
        assertThat(MediaId.parse(HASH + "-0x100")).isEmpty();
        assertThat(MediaId.parse("../../etc/passwd")).isEmpty();
        assertThat(MediaId.fromPath("/api/posts/media/" + HASH + "-100x100/480")).isEmpty();
        assertThat(MediaId.fromPath("https://elsewhere.test/api/posts/media/" + HASH + "-100x100")).isEmpty();
    }

    @Test
    void anOutsideCoverIsShownAsItIsInTheCardBox() {
        CoverImage cover = CoverImage.of("https://img.example.test/a.jpg");

        assertThat(cover.srcset()).isNull();
        assertThat(cover.largest()).isEqualTo("https://img.example.test/a.jpg");
        assertThat(CoverImage.of(null)).isNull();
        assertThat(CoverImage.of(" ")).isNull();
    }
}
