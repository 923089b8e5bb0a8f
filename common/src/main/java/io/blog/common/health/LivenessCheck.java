package io.blog.common.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Properties;

/**
 * Alive while the JVM has memory to work with; restarting is the only cure for an exhausted heap,
 * while a lost database is not (readiness covers that). Its data also says which build runs and
 * for how long, for the operations console.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    private static final String VERSION = version();

    @Override
    public HealthCheckResponse call() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        double usedShare = (double) used / runtime.maxMemory();
        return HealthCheckResponse.named("memory")
                .status(usedShare < 0.95)
                .withData("heapUsedPercent", Math.round(usedShare * 100))
                .withData("version", VERSION)
                .withData("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                .build();
    }

    /** "1.0.0 (built 2026-12-05T10:00:00Z)", from what the build wrote into build.properties. */
    private static String version() {
        Properties build = new Properties();
        try (InputStream in = LivenessCheck.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        String version = build.getProperty("version", "unknown");
        String built = build.getProperty("built");
        return built == null || built.isBlank() ? version : version + " (built " + built + ")";
    }
}
