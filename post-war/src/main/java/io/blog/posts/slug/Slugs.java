package io.blog.posts.slug;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Slugs are the readable part of a post's URL. They keep letters and digits of every script, so a
 * Chinese title gives a Chinese slug rather than an empty or transliterated one, while Latin
 * letters lose their accents because that is what people type into an address bar.
 */
public final class Slugs {

    /** Long enough to tell posts apart, short enough for a readable URL and an indexed column. */
    public static final int MAX_LENGTH = 80;

    private static final String FALLBACK = "post";

    /* Latin letters whose accent or stroke is part of the letter, so decomposition cannot remove it. */
    private static final Map<Integer, String> LATIN_FOLDS = Map.ofEntries(
            Map.entry((int) 'ß', "ss"),
            Map.entry((int) 'æ', "ae"),
            Map.entry((int) 'œ', "oe"),
            Map.entry((int) 'ø', "o"),
            Map.entry((int) 'ł', "l"),
            Map.entry((int) 'đ', "d"),
            Map.entry((int) 'ð', "d"),
            Map.entry((int) 'þ', "th"),
            Map.entry((int) 'ħ', "h"),
            Map.entry((int) 'ı', "i"));

    private Slugs() {
    }

    /**
     * The slug for a title: lower-case letters and digits of any script separated by single
     * hyphens, at most {@link #MAX_LENGTH} UTF-16 chars (and so at most as many code points).
     * Returns "post" when the title has nothing usable, such as only punctuation or emoji.
     */
    public static String slugify(String title) {
        if (title == null) {
            return FALLBACK;
        }
        // NFKC first folds full-width and compatibility forms (Ａ, ①, ﬁ) into ordinary letters and digits.
        String lowered = Normalizer.normalize(title, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(lowered, Normalizer.Form.NFD);

        StringBuilder slug = new StringBuilder(decomposed.length());
        boolean separatorPending = false;
        boolean keepMarks = false;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (isMark(cp)) {
                // Accents on Latin letters go; vowel signs and kana voicing marks are part of the letter.
                if (keepMarks) {
                    slug.appendCodePoint(cp);
                }
            } else if (Character.isLetterOrDigit(cp)) {
                if (separatorPending && !slug.isEmpty()) {
                    slug.append('-');
                }
                separatorPending = false;
                boolean latin = Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN;
                keepMarks = Character.isLetter(cp) && !latin;
                String folded = latin ? LATIN_FOLDS.get(cp) : null;
                if (folded != null) {
                    slug.append(folded);
                } else {
                    slug.appendCodePoint(cp);
                }
            } else {
                separatorPending = true;
                keepMarks = false;
            }
        }
        return truncate(Normalizer.normalize(slug, Normalizer.Form.NFC));
    }

    /**
     * Whether the text is a slug that {@link #slugify} could have produced; anything else in a URL
     * is junk and can be rejected before it reaches the database.
     */
    public static boolean isValid(String slug) {
        return slug != null && !slug.isEmpty() && slug.length() <= MAX_LENGTH && slug.equals(slugify(slug));
    }

    private static String truncate(String slug) {
        if (slug.isEmpty()) {
            return FALLBACK;
        }
        int end = Math.min(slug.length(), MAX_LENGTH);
        if (end < slug.length() && Character.isLowSurrogate(slug.charAt(end))) {
            end--;
        }
        while (end > 0 && slug.charAt(end - 1) == '-') {
            end--;
        }
        return end == 0 ? FALLBACK : slug.substring(0, end);
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK
                || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
