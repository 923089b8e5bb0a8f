package io.blog.common.http;

import jakarta.ws.rs.core.HttpHeaders;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id travels in {@code X-Request-Id}: the gateway sets it, services log it, echo it and
 * forward it. Values from outside are accepted only if they look like ids, so a client cannot inject
 * text into our logs.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String PROPERTY = "io.blog.requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private RequestIds() {
    }

    public static String sanitize(String candidate) {
        return candidate != null && SAFE.matcher(candidate).matches() ? candidate : UUID.randomUUID().toString();
    }

    /** The id of the request being handled, or null outside a request. */
    public static String current(HttpHeaders headers) {
        String fromThread = RequestIdFilter.currentId();
        if (fromThread != null) {
            return fromThread;
        }
        if (headers == null) {
            return null;
        }
        String header = headers.getHeaderString(HEADER);
        return header != null && SAFE.matcher(header).matches() ? header : null;
    }
}
