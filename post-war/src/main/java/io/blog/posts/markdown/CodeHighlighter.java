package io.blog.posts.markdown;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syntax highlighting of fenced code blocks, done once when an article is saved, so readers get
 * coloured code without a client-side highlighter (no script, no layout shift, works in feeds).
 * <p>
 * A lexer per family of languages that tells comments, strings, numbers and keywords apart: what
 * a reader needs to scan code, without a grammar per language. Output is escaped here and then
 * sanitized with the rest of the article; the only markup it adds is {@code <span class="hl-…">}.
 */
final class CodeHighlighter {

    private static final String NUMBER = "(?<num>\\b(?:0[xX][0-9a-fA-F_]+|\\d[\\d_]*(?:\\.\\d[\\d_]*)?(?:[eE][+-]?\\d+)?)[lLfFdDnu]?\\b)";
    private static final String WORD = "(?<word>[A-Za-z_$][A-Za-z0-9_$]*)";
    private static final String DOUBLE_QUOTED = "\"(?:[^\"\\\\\\n]|\\\\.)*\"";
    private static final String SINGLE_QUOTED = "'(?:[^'\\\\\\n]|\\\\.)*'";
    private static final Set<String> LITERALS = Set.of("true", "false", "null", "nil", "None", "True", "False",
            "undefined", "NaN", "TRUE", "FALSE", "NULL");

    /** How one family of languages writes comments and strings, and its reserved words. */
    private record Family(Pattern tokens, Set<String> keywords, boolean caseInsensitiveKeywords) {

        static Family of(String comments, String strings, String keywords, boolean caseInsensitive) {
            Pattern tokens = Pattern.compile("(?<com>" + comments + ")|(?<str>" + strings + ")|" + NUMBER + "|" + WORD);
            Set<String> words = Set.of(keywords.split(" "));
            return new Family(tokens, caseInsensitive
                    ? Set.copyOf(words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList()) : words, caseInsensitive);
        }

        boolean isKeyword(String word) {
            return keywords.contains(caseInsensitiveKeywords ? word.toLowerCase(Locale.ROOT) : word);
        }
    }

    private static final String C_COMMENTS = "//[^\\n]*|/\\*[\\s\\S]*?(?:\\*/|$)";
    private static final String HASH_COMMENTS = "#[^\\n]*";

    private static final Family JAVA = Family.of(C_COMMENTS, DOUBLE_QUOTED + "|" + SINGLE_QUOTED,
            "abstract assert boolean break byte case catch char class const continue default do double else enum "
                    + "extends final finally float for if implements import instanceof int interface long native new "
                    + "package private protected public record return sealed permits short static super switch "
                    + "synchronized this throw throws transient try var void volatile while yield fun val when object "
                    + "override data suspend", false);
    private static final Family JAVASCRIPT = Family.of(C_COMMENTS,
            DOUBLE_QUOTED + "|" + SINGLE_QUOTED + "|`(?:[^`\\\\]|\\\\.)*`",
            "async await break case catch class const continue debugger default delete do else export extends "
                    + "finally for from function if import in instanceof let new of return static super switch this "
                    + "throw try typeof var void while with yield interface type enum implements readonly as", false);
    private static final Family C_LIKE = Family.of(C_COMMENTS, DOUBLE_QUOTED + "|" + SINGLE_QUOTED,
            "auto break case char const continue default do double else enum extern float for goto if inline int "
                    + "long register return short signed sizeof static struct switch typedef union unsigned void "
                    + "volatile while class namespace template typename public private protected virtual using new "
                    + "delete func package import type var go chan select defer range map interface fn let mut impl "
                    + "trait pub use mod match loop where crate self Self string bool", false);
    private static final Family PYTHON = Family.of(HASH_COMMENTS,
            "\"\"\"[\\s\\S]*?(?:\"\"\"|$)|'''[\\s\\S]*?(?:'''|$)|" + DOUBLE_QUOTED + "|" + SINGLE_QUOTED,
            "and as assert async await break class continue def del elif else except finally for from global if "
                    + "import in is lambda nonlocal not or pass raise return try while with yield self", false);
    private static final Family SHELL = Family.of(HASH_COMMENTS, DOUBLE_QUOTED + "|'[^']*'",
            "if then else elif fi for while until do done case esac in function return local export set unset "
                    + "readonly shift exit echo cd source", false);
    private static final Family SQL = Family.of("--[^\\n]*|/\\*[\\s\\S]*?(?:\\*/|$)", SINGLE_QUOTED + "|" + DOUBLE_QUOTED,
            "select from where and or not insert into values update set delete create table index view drop alter "
                    + "add column primary key foreign references join left right inner outer on group by order "
                    + "having limit offset as distinct union all case when then else end is in like between exists "
                    + "begin commit rollback transaction default constraint unique asc desc with", true);
    private static final Family YAML = Family.of(HASH_COMMENTS, DOUBLE_QUOTED + "|" + SINGLE_QUOTED, "yes no on off", false);
    private static final Family CSS = Family.of("/\\*[\\s\\S]*?(?:\\*/|$)", DOUBLE_QUOTED + "|" + SINGLE_QUOTED,
            "important media supports import from to", false);
    private static final Family MARKUP = Family.of("<!--[\\s\\S]*?(?:-->|$)", DOUBLE_QUOTED + "|" + SINGLE_QUOTED,
            "DOCTYPE", false);

    private static final Map<String, Family> BY_NAME = Map.ofEntries(
            Map.entry("java", JAVA), Map.entry("kotlin", JAVA), Map.entry("kt", JAVA), Map.entry("scala", JAVA),
            Map.entry("groovy", JAVA), Map.entry("js", JAVASCRIPT), Map.entry("javascript", JAVASCRIPT),
            Map.entry("mjs", JAVASCRIPT), Map.entry("ts", JAVASCRIPT), Map.entry("typescript", JAVASCRIPT),
            Map.entry("jsx", JAVASCRIPT), Map.entry("tsx", JAVASCRIPT), Map.entry("json", JAVASCRIPT),
            Map.entry("c", C_LIKE), Map.entry("h", C_LIKE), Map.entry("cpp", C_LIKE), Map.entry("c++", C_LIKE),
            Map.entry("cs", C_LIKE), Map.entry("csharp", C_LIKE), Map.entry("go", C_LIKE), Map.entry("golang", C_LIKE),
            Map.entry("rust", C_LIKE), Map.entry("rs", C_LIKE), Map.entry("swift", C_LIKE),
            Map.entry("python", PYTHON), Map.entry("py", PYTHON), Map.entry("ruby", PYTHON), Map.entry("rb", PYTHON),
            Map.entry("bash", SHELL), Map.entry("sh", SHELL), Map.entry("shell", SHELL), Map.entry("zsh", SHELL),
            Map.entry("console", SHELL), Map.entry("dockerfile", SHELL), Map.entry("toml", YAML), Map.entry("ini", YAML),
            Map.entry("sql", SQL), Map.entry("mysql", SQL), Map.entry("postgresql", SQL), Map.entry("yaml", YAML),
            Map.entry("yml", YAML), Map.entry("css", CSS), Map.entry("scss", CSS), Map.entry("html", MARKUP),
            Map.entry("xml", MARKUP), Map.entry("svg", MARKUP));

    private CodeHighlighter() {
    }

    /** True when blocks in this language (the fence's info word) get colours; others stay plain text. */
    static boolean supports(String language) {
        return language != null && BY_NAME.containsKey(language.toLowerCase(Locale.ROOT));
    }

    /** The code as escaped HTML with {@code hl-com}, {@code hl-str}, {@code hl-num}, {@code hl-kw}, {@code hl-lit} spans. */
    static String highlight(String code, String language) {
        Family family = BY_NAME.get(language.toLowerCase(Locale.ROOT));
        StringBuilder out = new StringBuilder(code.length() + code.length() / 2);
        Matcher m = family.tokens().matcher(code);
        int at = 0;
        while (m.find()) {
            String kind = kind(m, family);
            if (kind == null) {
                continue;
            }
            HtmlText.escape(code, at, m.start(), out);
            out.append("<span class=\"hl-").append(kind).append("\">");
            HtmlText.escape(code, m.start(), m.end(), out);
            out.append("</span>");
            at = m.end();
        }
        HtmlText.escape(code, at, code.length(), out);
        return out.toString();
    }

    private static String kind(Matcher m, Family family) {
        if (m.group("com") != null) {
            return "com";
        }
        if (m.group("str") != null) {
            return "str";
        }
        if (m.group("num") != null) {
            return "num";
        }
        String word = m.group("word");
        if (LITERALS.contains(word)) {
            return "lit";
        }
        return family.isKeyword(word) ? "kw" : null;
    }
}
