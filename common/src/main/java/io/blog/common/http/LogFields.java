package io.blog.common.http;

import com.ibm.websphere.logging.hpel.LogRecordContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * Puts the request id, and the W3C trace and span ids of MicroProfile Telemetry, on every log line a
 * request's thread writes. Liberty's JSON log shows them as {@code ext_requestId}, {@code ext_traceId}
 * and {@code ext_spanId}; the log shipper (logging/rsyslog) maps them to {@code http.request.id},
 * {@code trace.id} and {@code span.id}, so one request's lines can be found across services.
 */
final class LogFields {

    static final String REQUEST_ID = "requestId";
    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    /** Outside Liberty (unit tests, tools) the logging API is absent: then there is nothing to attach. */
    private static final boolean LIBERTY = present("com.ibm.websphere.logging.hpel.LogRecordContext");
    /** Without the telemetry feature the OpenTelemetry API is not visible to the application. */
    private static final boolean TELEMETRY = present("io.opentelemetry.api.trace.Span");

    private LogFields() {
    }

    static void attach(String requestId) {
        if (!LIBERTY) {
            return;
        }
        detach();   // a pooled thread may still carry the ids of a request whose response filter never ran
        LogRecordContext.addExtension(REQUEST_ID, requestId);
        if (TELEMETRY) {
            SpanContext span = Span.current().getSpanContext();
            if (span.isValid()) {
                LogRecordContext.addExtension(TRACE_ID, span.getTraceId());
                LogRecordContext.addExtension(SPAN_ID, span.getSpanId());
            }
        }
    }

    static void detach() {
        if (!LIBERTY) {
            return;
        }
        LogRecordContext.removeExtension(REQUEST_ID);
        LogRecordContext.removeExtension(TRACE_ID);
        LogRecordContext.removeExtension(SPAN_ID);
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, LogFields.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
