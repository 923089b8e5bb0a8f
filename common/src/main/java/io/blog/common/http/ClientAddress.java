package io.blog.common.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * The address of the client a request came from. Behind the gateway every request arrives from the
 * gateway's address, so the forwarded address is believed only when the direct peer is one of the
 * configured trusted proxies; otherwise anyone could pick their own rate-limit bucket.
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    @ConfigProperty(name = "blog.http.trusted-proxies", defaultValue = "127.0.0.1,0:0:0:0:0:0:0:1,::1")
    List<String> trustedProxies;

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!viaTrustedProxy(request)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || forwarded.isBlank()) {
            String realIp = request.getHeader("X-Real-IP");
            return realIp == null || realIp.isBlank() ? peer : realIp.trim();
        }
        // The right-most entry was added by our own proxy; entries left of it are client-supplied.
        String[] hops = forwarded.split(",");
        return hops[hops.length - 1].trim();
    }

    /** True when the direct peer is the gateway (a configured trusted proxy): only then are its headers believed. */
    public boolean viaTrustedProxy(HttpServletRequest request) {
        return trustedProxies.contains(request.getRemoteAddr());
    }
}
