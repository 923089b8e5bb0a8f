package io.blog.common.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One line of a service's {@code http_access.log}, in the format Liberty's {@code httpAccessLogging}
 * writes for {@code %h %{X-Request-Id}i %{traceparent}i %t "%m" "%U" "%q" %s %b %{R}W "%{User-Agent}i"}
 * (liberty-config/fragments/base.xml), which the log shipper parses (logging/rsyslog). Values from the
 * client are made safe for that format: a quote, space or control character cannot split a field.
 */
record AccessLine(String client, String requestId, String traceparent, Instant received, String method,
                  String path, String query, int status, long bytes, long micros, String userAgent) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** The same second formatted once, however many requests it holds. */
    private static volatile FormattedSecond lastSecond = new FormattedSecond(Long.MIN_VALUE, "");

    private record FormattedSecond(long epochSecond, String text) {
    }

    String format() {
        StringBuilder line = new StringBuilder(160 + path.length() + query.length());
        line.append(token(client)).append(' ')
            .append(requestId != null && TOKEN.matcher(requestId).matches() ? requestId : "-").append(' ')
            .append(traceparent != null && TRACEPARENT.matcher(traceparent).matches() ? traceparent : "-").append(' ')
            .append('[').append(time(received)).append("] \"")
            .append(method != null && METHOD.matcher(method).matches() ? method : "").append("\" \"");
        appendEncoded(line, path);
        line.append("\" \"");
        if (!query.isEmpty()) {
            line.append('?');
            appendEncoded(line, query);
        }
        line.append("\" ").append(status).append(' ')
            .append(bytes > 0 ? Long.toString(bytes) : "-").append(' ')
            .append(micros).append(" \"");
        appendText(line, userAgent);
        return line.append('"').toString();
    }

    private static String time(Instant at) {
        FormattedSecond cached = lastSecond;
        if (cached.epochSecond() != at.getEpochSecond()) {
            cached = new FormattedSecond(at.getEpochSecond(), TIME.format(at));
            lastSecond = cached;
        }
        return cached.text();
    }

    private static String token(String value) {
        return value != null && TOKEN.matcher(value).matches() ? value : "-";
    }

    /** The raw path and query arrive percent-encoded; whatever a client slipped past that is encoded here. */
    private static void appendEncoded(StringBuilder line, String raw) {
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (c > ' ' && c != '"' && c < 0x7f) {
                line.append((char) c);
                continue;
            }
            for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                line.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
    }

    /** The user agent is free text: a quote becomes an apostrophe, control characters become spaces. */
    private static void appendText(StringBuilder line, String text) {
        if (text == null) {
            return;
        }
        for (int i = 0; i < text.length() && i < 512; i++) {
            char c = text.charAt(i);
            line.append(c == '"' ? '\'' : c < ' ' || c == 0x7f ? ' ' : c);
        }
    }
}
