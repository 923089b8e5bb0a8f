package io.blog.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The running production topology the build started (see src/test/scripts/topology.sh): its
 * settings from the env file, and the operator's tools to break and mend it.
 */
public final class Topology {

    private static final Path ENV_FILE = Path.of(System.getProperty("system.env.file", "target/system-tests.env"));
    private static final Path ROOT = Path.of(System.getProperty("system.repo.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> ENV = readEnv();

    private Topology() {
    }

    public static String env(String name) {
        String value = ENV.get(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not in " + ENV_FILE);
        }
        return value;
    }

    /** Every setting of the env file, secrets included. */
    public static Map<String, String> envFile() {
        return Map.copyOf(ENV);
    }

    /** A setting the env file may leave out, where the components' own default applies. */
    public static String envOr(String name, String fallback) {
        return ENV.getOrDefault(name, fallback);
    }

    public static String gateway() {
        return "http://127.0.0.1:" + env("GATEWAY_PORT");
    }

    public static String internalGateway() {
        return "http://127.0.0.1:" + env("GATEWAY_INTERNAL_PORT");
    }

    public static List<String> ports(String service) {
        return List.of(env("BLOG_" + service.toUpperCase() + "_PORTS").trim().split("\\s+"));
    }

    /** The repository the tests run from: where the operator scripts are. */
    public static Path root() {
        return ROOT;
    }

    public static Path envFilePath() {
        return ENV_FILE.toAbsolutePath();
    }

    public static Path dir() {
        return Path.of(env("BLOG_PROD_DIR"));
    }

    public static Path serverLogs(String server) {
        return dir().resolve("wlp/usr/servers/" + server + "/logs");
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hooks, no goodbye to nginx. */
    public static void kill(String server) {
        // The runtime's path in the pattern: only this topology's server of that name.
        String pattern = dir().resolve("wlp/bin/tools/ws-server.jar") + " " + server + "$";
        run("pkill", "-KILL", "-f", pattern);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (run(false, "pgrep", "-f", pattern) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(server + " still runs after SIGKILL");
            }
            pause(Duration.ofMillis(100));
        }
    }

    /** SIGKILL of Elasticsearch node {@code n} (1-based, scripts/deployment/lib.sh's es_nodes). */
    public static void killElasticsearchNode(int n) {
        killByPidFile(dir().resolve("elasticsearch/node-" + n + "/elasticsearch.pid"), "Elasticsearch", "Elasticsearch node " + n);
    }

    /** SIGKILL of one node of a Redis store ("cache" or "security"), by its port. */
    public static void killRedisNode(String store, int port) {
        String folder = store.equals("security") ? "redis-security" : "redis";
        killByPidFile(dir().resolve(folder + "/node-" + port + "/redis.pid"), "redis-server", "Redis node :" + port);
    }

    /** SIGKILL of a MariaDB node ("primary" or "replica", scripts/dev/mariadb-pair.sh's names). */
    public static void killDatabaseNode(String node) {
        killByPidFile(dir().resolve("mariadb/" + node + ".pid"), "mariadbd", "MariaDB " + node);
    }

    /**
     * SIGKILL of the process a pid file names, then waits until it is gone: no process of that pid
     * whose command line holds {@code program} (a reused pid is someone else), or only its zombie.
     */
    private static void killByPidFile(Path pidFile, String program, String what) {
        String pid;
        try {
            pid = Files.readString(pidFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run("kill", "-KILL", pid);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (run(false, "grep", "-q", program, "/proc/" + pid + "/cmdline") == 0 && !zombie(pid)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " still runs after SIGKILL");
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** Dead but not yet reaped by its parent (the servers are detached; PID 1 reaps them late). */
    private static boolean zombie(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return true;
        }
    }

    /** The MariaDB node that takes writes (scripts/dev/mariadb-pair.sh writer). */
    public static String databaseWriter() {
        Path file = dir().resolve("mariadb/writer");
        try {
            return Files.exists(file) ? Files.readString(file).trim() : "primary";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** start-production.sh starts whatever is not running, and waits for it to be healthy. */
    public static void restoreAll() {
        script("scripts/deployment/start-production.sh");
    }

    /** A clean stop of some components, e.g. "redis", "elasticsearch", "mariadb-replica". */
    public static void stop(String... components) {
        script("scripts/deployment/stop-production.sh", components);
    }

    /** A query on the topology's MariaDB primary or replica, as root over its socket: the rows, tab-separated. */
    public static List<String> sql(String role, String query) {
        return sqlOn(dir().resolve("mariadb/" + role + ".sock").toString(), query);
    }

    /** A query on any MariaDB server by its socket (a restore's scratch server too), as root. */
    public static List<String> sqlOn(String socket, String query) {
        try {
            Process process = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + socket, "-uroot", "--batch",
                    "--skip-column-names", "-e", query).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new AssertionError("mariadb on " + socket + ": " + query + ": " + out);
            }
            return out.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What an operator script printed (stdout and stderr) and its exit code. */
    public record Output(int exitCode, String report) {
    }

    /** What health-check.sh printed (one line per component) and its exit code. */
    public static Output healthCheck() {
        return operatorScript(Duration.ofMinutes(2), "scripts/deployment/health-check.sh");
    }

    /** Runs a script of the repository against this topology (BLOG_ENV_FILE) and collects its output. */
    public static Output operatorScript(Duration timeout, String script, String... args) {
        return operatorScriptWithEnv(timeout, Map.of(), script, args);
    }

    /** As {@link #operatorScript}, with extra environment variables. */
    public static Output operatorScriptWithEnv(Duration timeout, Map<String, String> env, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("BLOG_ENV_FILE", ENV_FILE.toAbsolutePath().toString());
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String report = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish in " + timeout);
            }
            return new Output(process.exitValue(), report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a deployment script; a failure names its last lines, so a CI report says why. The output
     * goes through a file, not a pipe: the daemons a start leaves behind inherit it and would hold a
     * pipe open for ever.
     */
    private static void script(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve(script).toString()));
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile("topology-script", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                        .redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().put("BLOG_ENV_FILE", ENV_FILE.toAbsolutePath().toString());
                Process process = builder.start();
                if (!process.waitFor(10, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes");
                }
                List<String> lines = Files.readAllLines(output);
                lines.forEach(System.out::println);
                if (process.exitValue() != 0) {
                    throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + ":\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
                }
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void run(String... command) {
        run(true, command);
    }

    private static int run(boolean inheritOutput, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        builder.environment().put("BLOG_ENV_FILE", ENV_FILE.toAbsolutePath().toString());
        if (inheritOutput) {
            builder.inheritIO();
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readEnv() {
        Map<String, String> env = new HashMap<>();
        try {
            for (String line : Files.readAllLines(ENV_FILE)) {
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                env.put(line.substring(0, eq), line.substring(eq + 1).replaceAll("^\"|\"$", ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the system tests need the topology's env file " + ENV_FILE, e);
        }
        return env;
    }
}
