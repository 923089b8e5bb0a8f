package io.blog.common.profile;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Display data for authors: from a short per-instance cache, else one batch call to user-war for
 * all missing names of a page. Names user-war could not resolve (or all of them while it is down)
 * are simply absent, and callers show the username alone.
 */
@ApplicationScoped
public class AuthorProfiles {

    private static final int MAX_BATCH = 100;

    private record Cached(UsersClient.Profile profile, Instant expires) {
    }

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    UserDirectory directory;

    @Inject
    @ConfigProperty(name = "blog.users.profile-cache-seconds", defaultValue = "60")
    long cacheSeconds;

    public Map<String, AuthorProfile> lookup(Set<String> usernames) {
        Map<String, AuthorProfile> found = new HashMap<>();
        profiles(usernames).forEach((name, p) -> found.put(name, new AuthorProfile(p.username(), p.displayName(), p.avatarUrl())));
        return found;
    }

    /** The whole public profile (bio, join date) of one author, from the same cache; empty as for lookup. */
    public Optional<UsersClient.Profile> profile(String username) {
        return Optional.ofNullable(profiles(Set.of(username)).get(username));
    }

    private Map<String, UsersClient.Profile> profiles(Set<String> usernames) {
        Instant now = Instant.now();
        Map<String, UsersClient.Profile> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : usernames) {
            Cached cached = cache.get(name);
            if (cached != null && cached.expires().isAfter(now)) {
                found.put(name, cached.profile());
            } else {
                missing.add(name);
            }
        }
        Instant expires = now.plus(Duration.ofSeconds(cacheSeconds));
        for (int from = 0; from < missing.size(); from += MAX_BATCH) {
            List<String> batch = missing.subList(from, Math.min(missing.size(), from + MAX_BATCH));
            for (UsersClient.Profile p : directory.profiles(batch)) {
                cache.put(p.username(), new Cached(p, expires));
                found.put(p.username(), p);
            }
        }
        if (cache.size() > 10_000) {
            cache.entrySet().removeIf(e -> e.getValue().expires().isBefore(now));
        }
        return found;
    }
}
