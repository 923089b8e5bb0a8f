package io.blog.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the console finds the platform, from MicroProfile Config (start-production.sh writes
 * them into the console server's environment from the env file). Defaults fit the one-command run.
 */
@ApplicationScoped
public class ConsoleSettings {

    /** One service instance: "users-1" at its base URL. */
    public record Instance(String name, String service, URI url) {
    }

    @Inject
    @ConfigProperty(name = "blog.console.gateway.url", defaultValue = "http://127.0.0.1:8080")
    String gatewayUrl;

    @Inject
    @ConfigProperty(name = "blog.console.instances", defaultValue = "blog-dev=http://127.0.0.1:8080")
    String instances;

    @Inject
    @ConfigProperty(name = "blog.console.repo.root")
    Optional<String> repoRoot;

    @Inject
    @ConfigProperty(name = "blog.console.env.file")
    Optional<String> envFile;

    @Inject
    @ConfigProperty(name = "blog.console.refresh.seconds", defaultValue = "5")
    int refreshSeconds;

    @Inject
    @ConfigProperty(name = "blog.console.prometheus.url")
    Optional<String> prometheusUrl;

    @Inject
    @ConfigProperty(name = "blog.console.alertmanager.url")
    Optional<String> alertmanagerUrl;

    @Inject
    @ConfigProperty(name = "blog.console.logs.url")
    Optional<String> logsUrl;

    public URI gateway() {
        return URI.create(gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl);
    }

    /** "users-1=http://127.0.0.1:9111 users-2=…": every instance the health view watches. */
    public List<Instance> instances() {
        List<Instance> list = new ArrayList<>();
        for (String entry : instances.trim().split("[\\s,]+")) {
            int eq = entry.indexOf('=');
            String name = entry.substring(0, eq);
            list.add(new Instance(name, name.replaceAll("-\\d+$", ""), URI.create(entry.substring(eq + 1))));
        }
        return list;
    }

    /** The repository whose scripts/maintenance the backup view runs; empty where there are none. */
    public Optional<Path> repoRoot() {
        return repoRoot.filter(s -> !s.isBlank()).map(Path::of);
    }

    public Optional<Path> envFile() {
        return envFile.filter(s -> !s.isBlank()).map(Path::of);
    }

    public Duration refresh() {
        return Duration.ofSeconds(Math.max(1, refreshSeconds));
    }

    /** Prometheus's base URL; empty where the run has none (the one-command run). */
    public Optional<String> prometheus() {
        return present(prometheusUrl);
    }

    /** Alertmanager's base URL; empty where the run has none. */
    public Optional<String> alertmanager() {
        return present(alertmanagerUrl);
    }

    /** The base URL of the Elasticsearch that holds the log index; empty where there is none. */
    public Optional<String> logIndex() {
        return present(logsUrl);
    }

    private static Optional<String> present(Optional<String> url) {
        return url.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }
}
