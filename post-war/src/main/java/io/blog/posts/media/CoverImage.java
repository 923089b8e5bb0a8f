package io.blog.posts.media;

import java.util.stream.Collectors;

/**
 * How an article's cover is shown: {@code src} for browsers that read nothing else, {@code srcset}
 * when the cover is an uploaded image (null for an outside address, which comes in one size only),
 * and the intrinsic size, so the page reserves the cover's box before it loads.
 */
public record CoverImage(String src, String srcset, int width, int height, String largest) {

    /** The box an outside image is shown in: the Open Graph card ratio. */
    static final int DEFAULT_WIDTH = 1200;
    static final int DEFAULT_HEIGHT = 630;
    /** The width a browser without srcset gets: sharp in a 1x desktop column, light on a phone. */
    private static final int FALLBACK_WIDTH = 960;

    /** The cover for an article's cover address (null for none). */
    public static CoverImage of(String coverImageUrl) {
        if (coverImageUrl == null || coverImageUrl.isBlank()) {
            return null;
        }
        return MediaId.fromPath(coverImageUrl)
                .map(CoverImage::uploaded)
                .orElseGet(() -> new CoverImage(coverImageUrl, null, DEFAULT_WIDTH, DEFAULT_HEIGHT, coverImageUrl));
    }

    private static CoverImage uploaded(MediaId id) {
        int fallback = id.variantWidths().stream().filter(w -> w >= FALLBACK_WIDTH).findFirst().orElse(id.width());
        String srcset = id.variantWidths().stream().map(w -> id.variantPath(w) + " " + w + "w")
                .collect(Collectors.joining(", "));
        return new CoverImage(id.variantPath(fallback), srcset, id.width(), id.height(), id.variantPath(id.width()));
    }
}
