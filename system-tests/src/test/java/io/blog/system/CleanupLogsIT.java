package io.blog.system;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Log retention of the production topology (scripts/maintenance/cleanup-logs.sh) against the
 * running topology: rotated files and daily log indices past retention go and nothing else does
 * (recent rotated files, today's log index, the articles' index), a live file over the size limit
 * is rotated by copy-truncate under its writer (nginx), and nothing outside the deployment is
 * touched through a symbolic link. The last class: its size run truncates every live log of the
 * topology over 1 MiB and deletes the topology's rotated files.
 */
@Order(Integer.MAX_VALUE)
class CleanupLogsIT {

    private static final String SCRIPT = "scripts/maintenance/cleanup-logs.sh";
    /** Daily log indices: blog-logs-2026.12.05 (logging/elasticsearch/index-template.json). */
    private static final DateTimeFormatter INDEX_DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd");
    /** Liberty's rotated files: messages_26.12.05_09.44.18.0.log. */
    private static final DateTimeFormatter LIBERTY_DAY = DateTimeFormatter.ofPattern("yy.MM.dd");

    private final List<Path> created = new ArrayList<>();
    private final List<String> createdIndices = new ArrayList<>();

    @AfterEach
    void removeWhatTheTestCreated() throws IOException {
        for (Path path : created) {
            Files.deleteIfExists(path);   // a symbolic link itself, never what it points to
        }
        for (String index : createdIndices) {
            LogIndex.raw("DELETE", "/" + index);  // 404 when the script deleted it
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        for (String[] args : List.of(new String[] {"--days", "x"}, new String[] {"--max-size", "12q"}, new String[] {"--bogus"})) {
            Topology.Output output = Topology.operatorScript(Duration.ofSeconds(30), SCRIPT, args);
            assertThat(output.exitCode()).as(output.report()).isEqualTo(2);
            assertThat(output.report().lines().filter(l -> !l.isBlank()).toList()).as(output.report()).hasSize(1);
            assertThat(output.report()).contains(args[0], "usage:");
        }
    }

    @Test
    void rotatedFilesAndLogIndicesPastRetentionGoAndNothingElse() throws IOException {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path logs = Topology.serverLogs("users-1");
        Path old = file(logs.resolve("messages_" + LIBERTY_DAY.format(today.minusDays(40)) + "_03.14.15.9.log"),
                64 * 1024, Duration.ofDays(40));
        Path recent = file(logs.resolve("messages_" + LIBERTY_DAY.format(today.minusDays(1)) + "_03.14.15.9.log"),
                16 * 1024, Duration.ofDays(1));
        String oldIndex = "blog-logs-" + INDEX_DAY.format(today.minusDays(40));
        String todayIndex = "blog-logs-" + INDEX_DAY.format(today);
        LogIndex.createIndex(oldIndex);
        createdIndices.add(oldIndex);
        // The shipper creates the day's index with its first line; right after midnight it may not have yet.
        LogIndex.createIndex(todayIndex);
        Set<String> articles = LogIndex.articleIndices();
        assertThat(articles).as("the articles' index (alias posts)").isNotEmpty();

        String oldBefore = stamp(old);
        String recentBefore = stamp(recent);
        Set<String> namesBefore = names(logs);
        Set<String> indicesBefore = LogIndex.logIndices();
        Topology.Output dryRun = run("--dry-run", "--days", "14");
        assertThat(dryRun.exitCode()).as(dryRun.report()).isZero();
        assertThat(dryRun.report()).contains("would remove " + old.toRealPath(), "would delete index " + oldIndex, "would free ")
                .doesNotContain(recent.getFileName().toString(), todayIndex);
        assertThat(dryRun.report().lines().filter(l -> !l.isBlank()).toList()).as(dryRun.report())
                .allMatch(l -> l.startsWith("would "));
        assertThat(stamp(old)).isEqualTo(oldBefore);
        assertThat(stamp(recent)).isEqualTo(recentBefore);
        assertThat(names(logs)).isEqualTo(namesBefore);
        assertThat(LogIndex.logIndices()).isEqualTo(indicesBefore);

        Path oldReal = old.toRealPath();
        Topology.Output retention = run("--days", "14");
        assertThat(retention.exitCode()).as(retention.report()).isZero();
        assertThat(retention.report()).contains("removed " + oldReal + " (", "deleted index " + oldIndex)
                .containsPattern("(?m)^freed \\d.* \\(\\d+ files?, \\d+ ind(ex|ices)\\)$")
                .doesNotContain("would ");
        assertThat(old).doesNotExist();
        assertThat(stamp(recent)).isEqualTo(recentBefore);
        assertThat(LogIndex.indexExists(oldIndex)).as(oldIndex).isFalse();
        assertThat(LogIndex.indexExists(todayIndex)).as(todayIndex).isTrue();
        assertThat(LogIndex.articleIndices()).isEqualTo(articles);
    }

    @Test
    void aLiveFileOverTheLimitIsRotatedInPlaceAndLinksOutOfTheDeploymentAreRefused() throws IOException {
        Path root = Topology.dir().toRealPath();
        // Decoys outside the deployment (java.io.tmpdir), each behind a link inside it whose name the
        // script cleans up: one with a live file's name, one with an old rotated file's name.
        Path outsideBig = tempFile();
        Path outsideSmall = tempFile();
        assertThat(outsideBig.toRealPath().startsWith(root)).as("%s is outside %s", outsideBig, root).isFalse();
        byte[] big = "not the deployment's\n".repeat(100_000).getBytes(StandardCharsets.UTF_8);   // 2.0 MiB
        Files.write(outsideBig, big);
        Files.writeString(outsideSmall, "not the deployment's either\n");
        Path liveLink = link(Topology.dir().resolve("cleanup-it-start.log"), outsideBig);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path rotatedLink = link(Topology.serverLogs("users-1").resolve("http_access_"
                + LIBERTY_DAY.format(today.minusDays(40)) + "_03.14.15.9.log"), outsideSmall);

        // 2 MiB of lines in nginx's error log, as nginx would write them (the shipper indexes them as info).
        Path errorLog = Topology.dir().resolve("gateway/logs/error.log");
        String marker = "cleanup-it-" + Long.toString(System.nanoTime(), 36);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2048; i++) {
            String line = "2026/01/01 00:00:00 [info] 0#0: " + marker + " line " + i + " ";
            lines.append(line).append("x".repeat(1023 - line.length())).append('\n');
        }
        Files.writeString(errorLog, lines, StandardOpenOption.APPEND);
        long before = Files.size(errorLog);
        assertThat(before).isGreaterThanOrEqualTo(2L * 1024 * 1024);

        // How far the log shipper's resender has read rsyslogd's files is bookkeeping, not a log.
        List<Path> offsets;
        try (Stream<Path> files = Files.list(Topology.dir().resolve("logging"))) {
            offsets = files.filter(p -> p.getFileName().toString().endsWith(".offset")).toList();
        }

        Topology.Output output = run("--max-size", "1m");
        assertThat(output.exitCode()).as("the refused links make it fail: %s", output.report()).isEqualTo(1);
        Matcher rotated = Pattern.compile("(?m)^rotated " + Pattern.quote(errorLog.toRealPath().toString())
                + " \\(\\S+ \\S+ → (error\\.log\\.\\d{8}T\\d{6}Z)\\)$").matcher(output.report());
        assertThat(rotated.find()).as(output.report()).isTrue();
        Path copy = errorLog.resolveSibling(rotated.group(1));
        created.add(copy);
        assertThat(Files.size(copy)).isGreaterThanOrEqualTo(before);
        assertThat(latin1(copy)).contains(marker + " line 2047 ");
        // Truncated in place: nginx keeps its descriptor and may have written a line since.
        assertThat(Files.size(errorLog)).as("error.log after the rotation").isLessThan(64 * 1024);
        assertThat(latin1(errorLog)).doesNotContain(marker);

        assertThat(offsets).as("the resender's offsets after the size run").allMatch(Files::exists);
        assertThat(output.report()).contains("refused " + liveLink, "refused " + rotatedLink);
        assertThat(liveLink).isSymbolicLink();
        assertThat(rotatedLink).isSymbolicLink();
        assertThat(Files.readAllBytes(outsideBig)).as("the file behind the live-named link").isEqualTo(big);
        assertThat(Files.readString(outsideSmall)).isEqualTo("not the deployment's either\n");
        try (Stream<Path> siblings = Files.list(outsideBig.getParent())) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .as("no rotated copy next to the decoy").noneMatch(n -> n.startsWith(outsideBig.getFileName() + "."));
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    private static Topology.Output run(String... args) {
        return Topology.operatorScript(Duration.ofMinutes(2), SCRIPT, args);
    }

    /** A file of that size, last written that long ago, removed after the test. */
    private Path file(Path path, int size, Duration age) throws IOException {
        created.add(path);
        String line = "cleanup-logs test line\n";
        String content = line.repeat(size / line.length() + 1).substring(0, size);
        Files.writeString(path, content);
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minus(age)));
        return path;
    }

    private Path link(Path link, Path target) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
        created.add(link);
        return link;
    }

    private Path tempFile() throws IOException {
        Path file = Files.createTempFile("cleanup-logs-decoy", ".log");
        created.add(file);
        return file;
    }

    /** Size and modification time: what a deletion, truncation or rewrite would change. */
    private static String stamp(Path file) throws IOException {
        return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    }

    /** Any bytes (nginx's lines may quote what clients sent), as text. */
    private static String latin1(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new TreeSet<>(files.map(p -> p.getFileName().toString()).toList());
        }
    }
}
