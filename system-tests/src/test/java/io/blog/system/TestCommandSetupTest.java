package io.blog.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's test command checks for every tool it needs before doing anything else, and when
 * it cannot install what is missing it says which Debian packages in one line and stops. Run on a
 * copy of the two scripts (so a broken check can never start a real test run) with a PATH that
 * hides chosen tools.
 */
class TestCommandSetupTest {

    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final List<String> SYSTEM_PATH = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private static Path sandbox;

    @BeforeAll
    static void copyTheScripts() throws IOException {
        sandbox = Files.createTempDirectory("test-command-setup");
        Path dev = Files.createDirectories(sandbox.resolve("scripts/dev"));
        for (String script : List.of("test.sh", "lib.sh")) {
            Files.copy(REPO.resolve("scripts/dev/" + script), dev.resolve(script));
        }
        // Readable by the unprivileged user of the not-root case.
        try (Stream<Path> all = Files.walk(sandbox)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    @AfterAll
    static void removeTheCopy() throws IOException {
        try (Stream<Path> all = Files.walk(sandbox)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void everythingPresentMeansNothingToDo() throws Exception {
        Result result = run(List.of(), false);

        assertThat(result.exit()).as(result.stderr()).isZero();
        assertThat(result.stderr()).isEmpty();
    }

    @Test
    void aMissingToolIsNamedByItsPackageWhenItCannotBeInstalled() throws Exception {
        // Without apt-get nothing can be installed, even as root.
        Result result = run(List.of("redis-server", "apt-get"), false);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).singleElement().asString()
                .startsWith("test.sh: missing Debian packages: redis-server (")
                .contains("apt-get install redis-server");
    }

    @Test
    void notRootMeansOneLineNamingEveryMissingPackageOnce() throws Exception {
        Result result = run(List.of("chromedriver", "mariadbd", "mariadb-install-db"), true);

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.stderr().lines().toList()).singleElement().asString()
                .startsWith("test.sh: missing Debian packages: mariadb-server chromium-driver (installing them needs root");
    }

    private record Result(int exit, String stderr) {
    }

    private static Result run(List<String> hidden, boolean unprivileged) throws Exception {
        Path bin = Files.createTempDirectory(sandbox, "bin");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        linkEverythingBut(bin, Set.copyOf(hidden));
        List<String> command = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (unprivileged && root) {
            command.addAll(List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        command.addAll(List.of("/bin/bash", sandbox.resolve("scripts/dev/test.sh").toString(), "--setup-only"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PATH", bin.toString());
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), stderr);
    }

    /** A PATH folder with every command of the system's PATH except the hidden ones. */
    private static void linkEverythingBut(Path bin, Set<String> hidden) throws IOException {
        for (String dir : SYSTEM_PATH) {
            Path folder = Path.of(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> commands = Files.list(folder)) {
                for (Path command : commands.toList()) {
                    Path link = bin.resolve(command.getFileName().toString());
                    if (!hidden.contains(command.getFileName().toString()) && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
    }
}
