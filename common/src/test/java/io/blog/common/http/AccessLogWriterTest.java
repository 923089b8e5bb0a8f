package io.blog.common.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogWriterTest {

    private static final ThreadFactory THREADS = Thread::new;

    @TempDir
    Path dir;

    private final List<AccessLogWriter> writers = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        writers.forEach(w -> w.stop(2_000));
    }

    @Test
    void everyLineFromManyThreadsArrivesWholeOnceStopped() throws Exception {
        Path file = dir.resolve("logs/http_access.log");
        AccessLogWriter writer = writer(file);

        List<Thread> requests = IntStream.range(0, 8).mapToObj(t -> new Thread(() -> {
            for (int i = 0; i < 5_000; i++) {
                writer.write("thread-" + t + " line-" + i + " " + "x".repeat(i % 200));
            }
        })).toList();
        requests.forEach(Thread::start);
        for (Thread t : requests) {
            t.join();
        }
        writer.stop(5_000);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(40_000).doesNotHaveDuplicates()
                .allMatch(l -> l.matches("thread-[0-7] line-([0-9]+) x*") && l.endsWith("x".repeat(Integer.parseInt(l.split("[- ]")[3]) % 200)));
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void linesAreWrittenWithoutWaitingForMore() throws Exception {
        Path file = dir.resolve("http_access.log");
        AccessLogWriter writer = writer(file);

        writer.write("the only line");

        assertThat(awaitLines(file, 1, Duration.ofSeconds(2))).containsExactly("the only line");
    }

    @Test
    void twoWritersSharingAFileNeverTearALine() throws Exception {
        Path file = dir.resolve("http_access.log");
        AccessLogWriter users = writer(file);
        AccessLogWriter posts = writer(file);

        for (int i = 0; i < 20_000; i++) {
            users.write("users " + i + " " + "u".repeat(300));
            posts.write("posts " + i + " " + "p".repeat(300));
        }
        users.stop(5_000);
        posts.stop(5_000);

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(40_000)
                .allMatch(l -> l.matches("users [0-9]+ u{300}") || l.matches("posts [0-9]+ p{300}"));
    }

    @Test
    void aFileTruncatedInPlaceIsWrittenFromItsStart() throws Exception {
        Path file = dir.resolve("http_access.log");
        AccessLogWriter writer = writer(file);
        writer.write("before the rotation");
        awaitLines(file, 1, Duration.ofSeconds(2));

        // What cleanup-logs.sh --max-size does: copy, then truncate the live file in place.
        try (FileChannel live = FileChannel.open(file, StandardOpenOption.WRITE)) {
            live.truncate(0);
        }
        writer.write("after the rotation");

        assertThat(awaitLines(file, 1, Duration.ofSeconds(2))).containsExactly("after the rotation");
        assertThat(Files.size(file)).isEqualTo("after the rotation\n".length());
    }

    @Test
    void aFileMovedAwayIsCreatedAgainUnderItsName() throws Exception {
        Path file = dir.resolve("http_access.log");
        AccessLogWriter writer = writer(file);
        writer.write("into the old file");
        awaitLines(file, 1, Duration.ofSeconds(2));
        Files.move(file, dir.resolve("http_access.log.1"));

        long deadline = System.nanoTime() + Duration.ofMillis(AccessLogWriter.REOPEN_CHECK_MILLIS * 3).toNanos();
        Set<String> written = new HashSet<>();
        for (int i = 0; !Files.exists(file) && System.nanoTime() < deadline; i++) {
            writer.write("line " + i);
            written.add("line " + i);
            Thread.sleep(50);
        }
        writer.stop(2_000);

        assertThat(file).exists();
        List<String> all = new ArrayList<>(Files.readAllLines(dir.resolve("http_access.log.1")));
        all.addAll(Files.readAllLines(file));
        assertThat(all).contains("into the old file").containsAll(written).hasSize(written.size() + 1);
    }

    @Test
    void aStoppedWriterRefusesLinesAndCountsThem() throws Exception {
        Path file = dir.resolve("http_access.log");
        AccessLogWriter writer = writer(file);
        writer.write("kept");
        writer.stop(2_000);

        writer.write("too late");

        assertThat(Files.readAllLines(file)).containsExactly("kept");
        assertThat(writer.dropped()).isEqualTo(1);
    }

    private AccessLogWriter writer(Path file) {
        AccessLogWriter writer = new AccessLogWriter(file, THREADS);
        writers.add(writer);
        return writer;
    }

    private static List<String> awaitLines(Path file, int count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (lines.size() >= count) {
                    return lines;
                }
            }
            Thread.sleep(20);
        }
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }
}
