package io.blog.posts.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address of an uploaded image: a hash of the uploaded bytes and the size of its largest stored
 * variant, e.g. {@code 3f2a…-1440x960}. Because the size is in the address, anyone holding it (a
 * page template, the front end) knows every variant's URL and size without asking the database,
 * and because the hash is, the bytes behind an address never change.
 */
public record MediaId(String hash, int width, int height) {

    /** The widths images are stored in: a phone, a tablet or 1x desktop column, a 2x desktop column. */
    public static final List<Integer> WIDTHS = List.of(480, 960, 1440);
    public static final int MAX_WIDTH = 1440;
    /** Where the API serves media; the cover of an article may be such a path. */
    public static final String PATH_PREFIX = "/api/posts/media/";
    public static final String ID_RULE = "[0-9a-f]{32}-[1-9][0-9]{0,4}x[1-9][0-9]{0,4}";
    public static final String PATH_RULE = PATH_PREFIX + ID_RULE;

    private static final Pattern ID = Pattern.compile("([0-9a-f]{32})-([1-9][0-9]{0,4})x([1-9][0-9]{0,4})");
    private static final Pattern PATH = Pattern.compile(Pattern.quote(PATH_PREFIX) + "(" + ID_RULE + ")");

    public MediaId {
        if (width < 1 || width > MAX_WIDTH || height < 1) {
            throw new IllegalArgumentException("size " + width + "x" + height);
        }
    }

    public static Optional<MediaId> parse(String id) {
        Matcher m = id == null ? null : ID.matcher(id);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MediaId(m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        } catch (IllegalArgumentException tooWide) {
            return Optional.empty();
        }
    }

    /** The media a path like {@code /api/posts/media/<id>} names, if it is one. */
    public static Optional<MediaId> fromPath(String path) {
        Matcher m = path == null ? null : PATH.matcher(path);
        return m != null && m.matches() ? parse(m.group(1)) : Optional.empty();
    }

    /** The widths stored for this image: every standard width below its own, and its own. */
    public List<Integer> variantWidths() {
        List<Integer> widths = new ArrayList<>();
        for (int w : WIDTHS) {
            if (w < width) {
                widths.add(w);
            }
        }
        widths.add(width);
        return widths;
    }

    public int heightAt(int variantWidth) {
        return Math.max(1, Math.round((float) height * variantWidth / width));
    }

    public String path() {
        return PATH_PREFIX + this;
    }

    public String variantPath(int variantWidth) {
        return path() + "/" + variantWidth;
    }

    @Override
    public String toString() {
        return hash + "-" + width + "x" + height;
    }
}
