package io.blog.common.http;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import java.io.IOException;

/** A response that counts the body bytes the application writes, for the access log's {@code %b}. */
final class CountingResponse extends HttpServletResponseWrapper {

    private long bytes;
    private ServletOutputStream stream;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    /**
     * The body bytes written through {@link #getOutputStream()} (how JAX-RS writes); for a body written
     * through the container's writer (an error page) the length the container declared, if any.
     */
    long bytesWritten() {
        if (bytes > 0) {
            return bytes;
        }
        String declared = getHeader("Content-Length");
        try {
            return declared == null ? 0 : Long.parseLong(declared);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            ServletOutputStream out = super.getOutputStream();
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    bytes++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    bytes += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }
            };
        }
        return stream;
    }
}
