package io.blog.common.testing;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stands between a service and a peer it calls with GETs (profiles, articles), in the test JVM.
 * Switched off, it answers 503 to every call like a dead peer, so tests can stage an outage of one
 * service while the test server keeps running all of them.
 */
public final class ForwardingProxy {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final int port;
    private final String target;
    private final AtomicBoolean up = new AtomicBoolean(true);
    private HttpServer server;

    /** @param target where calls go, e.g. {@code http://127.0.0.1:9183} (the request path is kept) */
    public ForwardingProxy(String name, int port, String target) {
        this.name = name;
        this.port = port;
        this.target = target;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new AssertionError("cannot start the " + name + " proxy on " + port, e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                if (!up.get()) {
                    exchange.sendResponseHeaders(503, -1);
                    return;
                }
                HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI())).GET();
                String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
                if (requestId != null) {
                    forward.header("X-Request-Id", requestId);
                }
                try {
                    HttpResponse<InputStream> response = HTTP.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
                    byte[] body = response.body().readAllBytes();
                    exchange.getResponseHeaders().add("Content-Type",
                            response.headers().firstValue("Content-Type").orElse("application/json"));
                    response.headers().firstValue("Location").ifPresent(l -> exchange.getResponseHeaders().add("Location", l));
                    exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(502, -1);
                }
            }
        });
        server.start();
    }

    public void up(boolean isUp) {
        up.set(isUp);
    }
}
