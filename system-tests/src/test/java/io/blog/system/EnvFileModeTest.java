package io.blog.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The deployment scripts refuse an env file (it holds every secret) that others can read. */
class EnvFileModeTest {

    private static final Path ROOT = Path.of(System.getProperty("system.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void anEnvFileReadableByOthersStopsTheScriptsWithOneLine(@TempDir Path dir) throws Exception {
        Path env = dir.resolve(".env.production");
        Files.copy(ROOT.resolve("scripts/deployment/.env.production.example"), env);
        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-r--r--"));
        Result open = run(env);
        assertThat(open.exitCode()).isNotZero();
        assertThat(open.output().strip().lines()).as(open.output()).hasSize(1);
        assertThat(open.output()).contains("its mode is 644: run chmod 600 " + env);

        Files.setPosixFilePermissions(env, PosixFilePermissions.fromString("rw-------"));
        Result closed = run(env);
        // Past the mode check: now it is the example's placeholder secrets that stop it.
        assertThat(closed.output()).doesNotContain("its mode is").contains("set real values in " + env);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("scripts/deployment/start-production.sh").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("BLOG_ENV_FILE", env.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
