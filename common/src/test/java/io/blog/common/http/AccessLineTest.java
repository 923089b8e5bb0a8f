package io.blog.common.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLineTest {

    private static final Instant AT = Instant.parse("2026-12-05T09:46:02.250Z");
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    /** The log shipper's own test of a line's shape, read from its rules, so the two cannot drift apart. */
    private static final Pattern SHIPPER_SHAPE = shipperShape();

    @Test
    void aRequestIsWrittenInLibertysAccessLogFormat() {
        String line = new AccessLine("127.0.0.1", "req-12345678", TRACEPARENT, AT, "GET", "/api/posts",
                "limit=1", 200, 12, 6517, "curl/7.88.1").format();

        assertThat(line).isEqualTo("127.0.0.1 req-12345678 " + TRACEPARENT
                + " [05/Dec/2026:09:46:02 +0000] \"GET\" \"/api/posts\" \"?limit=1\" 200 12 6517 \"curl/7.88.1\"");
        assertThat(line).matches(SHIPPER_SHAPE);
    }

    @Test
    void missingValuesAreDashesAndAnEmptyQueryIsEmpty() {
        String line = new AccessLine("10.0.0.7", null, null, AT, "HEAD", "/", "", 304, 0, 80, null).format();

        assertThat(line).isEqualTo("10.0.0.7 - - [05/Dec/2026:09:46:02 +0000] \"HEAD\" \"/\" \"\" 304 - 80 \"\"");
        assertThat(line).matches(SHIPPER_SHAPE);
    }

    @Test
    void whatAClientSendsCannotSplitAFieldOrForgeALine() {
        String line = new AccessLine("127.0.0.1", "id with spaces\nand a line", "00-not-a-trace", AT, "G\"ET",
                "/api/posts/a \"b\"\u00e9", "q=\"x y\"", 400, 99, 1, "Mozilla \"quoted\"\r\nX-Forged: yes").format();

        assertThat(line).doesNotContain("\n", "\r").matches(SHIPPER_SHAPE);
        assertThat(line.split(" ")[1]).isEqualTo("-");
        assertThat(line.split(" ")[2]).isEqualTo("-");
        assertThat(line).contains("\"\" \"/api/posts/a%20%22b%22%C3%A9\" \"?q=%22x%20y%22\" 400 99 1 \"Mozilla 'quoted'  X-Forged: yes\"");
    }

    @Test
    void theTimeIsTheSecondTheRequestArrivedInUtc() {
        String first = new AccessLine("h", null, null, AT, "GET", "/", "", 200, 1, 1, "").format();
        String next = new AccessLine("h", null, null, AT.plusSeconds(3_600 * 15), "GET", "/", "", 200, 1, 1, "").format();

        assertThat(first).contains("[05/Dec/2026:09:46:02 +0000]");
        assertThat(next).contains("[06/Dec/2026:00:46:02 +0000]");
    }

    private static Pattern shipperShape() {
        try {
            String rules = Files.readString(Path.of("..", "logging", "rsyslog", "blog-logs.conf.template"));
            Matcher shape = Pattern.compile("ruleset\\(name=\"liberty_access\"\\).*?if not re_match\\(\\$msg, \"(.*?)\"\\) then",
                    Pattern.DOTALL).matcher(rules);
            assertThat(shape.find()).as("the liberty_access ruleset's shape test").isTrue();
            // The rules file is rsyslog's string syntax: \\ is one backslash, \" a quote, \$ a dollar sign.
            return Pattern.compile(shape.group(1).replace("\\\\", "\\").replace("\\\"", "\"").replace("\\$", "$"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
