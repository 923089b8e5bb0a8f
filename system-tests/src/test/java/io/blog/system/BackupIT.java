package io.blog.system;

import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup drill of the production topology: a backup under steady writes through the gateway,
 * a mistaken deletion, a point-in-time restore into a scratch server and a full replay, all with
 * the operator's scripts (scripts/maintenance). Then what an operator can get wrong.
 */
class BackupIT {

    private static final List<Path> SCRATCH_PID_FILES = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aPointInTimeRestoreBringsBackExactlyWhatWasAcknowledgedBeforeThePoint() throws Exception {
        // The drill writes an article every 80 ms, past any author's hourly budget (post-war's write
        // limits): staff are not limited.
        Accounts.Account author = Accounts.withRoles("drill", List.of("EDITOR", "AUTHOR"));
        String tag = "drill" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Client client = Client.newVisitor();
        for (int i = 0; i < 3; i++) {
            Client.Reply tagged = client.send("POST", "/api/posts", author.token(),
                    "{\"title\":\"Tagged drill " + i + "\",\"body\":\"b\",\"tags\":[\"" + tag + "\"],\"status\":\"PUBLISHED\"}");
            assertThat(tagged.status()).as("%s", tagged).isEqualTo(201);
        }

        Writer writer = new Writer(author);
        writer.start();
        writer.awaitAcknowledged(10);

        Topology.Output backup = Topology.operatorScript(Duration.ofMinutes(5), "scripts/maintenance/backup-database.sh", "--progress=json");
        assertThat(backup.exitCode()).as(backup.report()).isZero();
        Map<String, Object> done = lastJsonLine(backup.report(), "done");
        String backupId = (String) done.get("backup");
        Map<String, Object> manifest = manifest(backupId);
        assertThat(manifest).containsEntry("status", "ok").containsEntry("source", "replica").containsKey("gtid");
        assertThat(backup.report()).contains("\"step\": \"freeze\"", "\"step\": \"resume\"");
        String sums = Files.readString(Topology.dir().resolve("backups/" + backupId + "/SHA256SUMS"));
        assertThat(sums).contains("data.mbstream.zst");
        // The cache's RDB: of a cluster, one per primary, so that together they hold every slot.
        List<Integer> snapshotted = Pattern.compile("redis-(\\d+)\\.rdb\\.zst").matcher(sums).results()
                .map(m -> Integer.valueOf(m.group(1))).toList();
        if (RedisCli.cluster()) {
            assertThat(snapshotted).as(sums).containsExactlyInAnyOrderElementsOf(RedisCli.primaries("cache"));
        } else {
            assertThat(sums).contains("redis.rdb.zst");
        }

        int afterBackup = writer.acknowledged().size();
        writer.awaitAcknowledged(afterBackup + 10);
        // Binlog timestamps have whole seconds: the point is the start of a second.
        Instant point = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        Topology.pause(Duration.between(Instant.now(), point).plusMillis(50));
        writer.awaitAcknowledged(writer.acknowledged().size() + 10);
        writer.stopAndJoin();

        // The mistake: one table's rows deleted on the primary.
        String deleted = "DELETE FROM blog_posts.article_tag WHERE tag = '" + tag + "'";
        sql(primarySocket(), deleted);
        assertThat(sql(primarySocket(), "SELECT COUNT(*) FROM blog_posts.article_tag WHERE tag = '" + tag + "'")).containsExactly("0");

        awaitArchiveCaughtUp();
        Topology.Output restore = Topology.operatorScript(Duration.ofMinutes(5), "scripts/maintenance/restore-database.sh",
                backupId, "--to-time", point.toString(), "--target", freePort(), "--progress=json");
        assertThat(restore.exitCode()).as(restore.report()).isZero();
        String scratch = scratchSocket(restore);

        Set<String> restored = Set.copyOf(sql(scratch, "SELECT id FROM blog_posts.article WHERE author = '" + author.username() + "'"));
        List<Writer.Write> writes = writer.acknowledged();
        List<String> before = writes.stream().filter(w -> w.acknowledgedAt().isBefore(point)).map(Writer.Write::id).toList();
        List<String> after = writes.stream().filter(w -> !w.sentAt().isBefore(point)).map(Writer.Write::id).toList();
        assertThat(before).hasSizeGreaterThan(20);
        assertThat(after).hasSizeGreaterThanOrEqualTo(10);
        assertThat(restored).as("every write acknowledged before %s", point).containsAll(before);
        assertThat(restored).as("no write sent after %s", point).doesNotContainAnyElementsOf(after);
        assertThat(sql(scratch, "SELECT COUNT(*) FROM blog_posts.article_tag WHERE tag = '" + tag + "'"))
                .as("the rows deleted by mistake are back").containsExactly("3");
        Map<String, String> untouched = checksums(scratch, "blog_users", "blog_comments");
        assertThat(untouched).isNotEmpty().isEqualTo(checksums(primarySocket(), "blog_users", "blog_comments"));

        // The last backup plus every archived binlog: identical to the primary, mistake included.
        String gtid = quiescentGtid();
        awaitArchiveCaughtUp();
        Topology.Output full = Topology.operatorScript(Duration.ofMinutes(5), "scripts/maintenance/restore-database.sh",
                "latest", "--to-gtid", gtid, "--target", freePort(), "--progress=json");
        assertThat(full.exitCode()).as(full.report()).isZero();
        assertThat(lastJsonLine(full.report(), "done")).containsEntry("gtid", gtid);
        String replayed = scratchSocket(full);
        Map<String, String> primary = quiescentChecksums(gtid);
        assertThat(checksums(replayed, "blog_users", "blog_posts", "blog_comments")).isEqualTo(primary);

        Topology.Output verify = Topology.operatorScript(Duration.ofMinutes(5), "scripts/maintenance/restore-database.sh",
                backupId, "--verify");
        assertThat(verify.exitCode()).as(verify.report()).isZero();
        assertThat(verify.report()).contains("rows and checksums match");
        @SuppressWarnings("unchecked")
        Map<String, Object> verification = (Map<String, Object>) manifest(backupId).get("verification");
        assertThat(verification).containsEntry("verified", true).containsKey("durationSeconds");
        Topology.Output list = Topology.operatorScript(Duration.ofMinutes(1), "scripts/maintenance/backup-database.sh", "--list");
        assertThat(list.report()).contains(backupId);
        assertThat(Files.readString(Topology.dir().resolve("monitoring/textfile/blog_backup.prom")))
                .contains("blog_backup_last_status{kind=\"database\"} 1", "blog_backup_last_verify_status{kind=\"database\"} 1");
    }

    @Test
    void badInputIsOneLineAndANonZeroExitAndTouchesNothing() throws Exception {
        Topology.Output first = Topology.operatorScript(Duration.ofMinutes(5), "scripts/maintenance/backup-database.sh", "--progress=json");
        assertThat(first.exitCode()).as(first.report()).isZero();
        String latest = (String) lastJsonLine(first.report(), "done").get("backup");
        String catalogue = Topology.operatorScript(Duration.ofMinutes(1), "scripts/maintenance/backup-database.sh", "--list", "--json").report();

        assertFails("no backup 'nope'", "scripts/maintenance/restore-database.sh", "nope");
        assertFails("cannot read the time", "scripts/maintenance/restore-database.sh", "latest", "--to-time", "yesterday");
        assertFails("after what the archived binlogs cover", "scripts/maintenance/restore-database.sh", "latest",
                "--to-time", Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString());
        assertFails("is before backup", "scripts/maintenance/restore-database.sh", "latest", "--to-time", "2001-01-01T00:00:00Z");
        assertFails("not a GTID", "scripts/maintenance/restore-database.sh", "latest", "--to-gtid", "banana");
        assertFails("is the primary's datadir", "scripts/maintenance/restore-database.sh", "latest", "--target",
                Topology.dir().resolve("mariadb/primary").toString());
        assertFails("the primary is running", "scripts/maintenance/restore-database.sh", "latest", "--force", "--target",
                Topology.dir().resolve("mariadb/primary").toString());
        assertFails("overlaps the primary's datadir", "scripts/maintenance/restore-database.sh", "latest", "--target",
                Topology.dir().resolve("mariadb").toString());
        assertFails("is busy", "scripts/maintenance/restore-database.sh", "latest", "--target", Topology.env("BLOG_DB_PRIMARY_PORT"));
        Path occupied = Files.createTempDirectory("occupied");
        Files.writeString(occupied.resolve("precious.txt"), "keep me");
        assertFails("exists and is not empty", "scripts/maintenance/restore-database.sh", "latest", "--target", occupied.toString());
        assertThat(Files.readString(occupied.resolve("precious.txt"))).isEqualTo("keep me");

        // A corrupt copy of the newest backup: one byte of its data changed.
        Path corrupt = Topology.dir().resolve("backups/20000101T000000Z");
        copyFolder(Topology.dir().resolve("backups/" + latest), corrupt);
        try {
            Path manifest = corrupt.resolve("manifest.json");
            Files.writeString(manifest, Files.readString(manifest).replace("\"id\": \"" + latest + "\"", "\"id\": \"20000101T000000Z\""));
            assertThat(manifest("20000101T000000Z")).containsEntry("id", "20000101T000000Z");
            byte[] data = Files.readAllBytes(corrupt.resolve("data.mbstream.zst"));
            data[data.length / 2] ^= 0x5a;
            Files.write(corrupt.resolve("data.mbstream.zst"), data);
            assertFails("checksum mismatch on data.mbstream.zst", "scripts/maintenance/restore-database.sh", "20000101T000000Z");
        } finally {
            deleteFolder(corrupt);
        }

        // A full disk: the backup area on a 1 MB file system.
        Path tiny = Files.createTempDirectory("tiny-disk");
        assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", tiny.toString()).inheritIO().start().waitFor())
                .as("mount a 1 MB tmpfs (the tests run as root)").isZero();
        try {
            Topology.Output full = Topology.operatorScriptWithEnv(Duration.ofMinutes(2), Map.of("BLOG_BACKUP_DIR", tiny.toString()),
                    "scripts/maintenance/backup-database.sh");
            assertOneLineFailure(full, "not enough space in " + tiny);
        } finally {
            new ProcessBuilder("umount", tiny.toString()).inheritIO().start().waitFor();
        }

        // A missing tool: everything on the PATH but mariadb-backup.
        Path bin = Files.createTempDirectory("path-without-mariadb-backup");
        for (String dir : List.of("/usr/local/bin", "/usr/bin", "/bin")) {
            try (var files = Files.list(Path.of(dir))) {
                for (Path tool : files.toList()) {
                    Path link = bin.resolve(tool.getFileName());
                    if (!tool.getFileName().toString().equals("mariadb-backup") && !Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, tool);
                    }
                }
            }
        }
        Topology.Output noTool = Topology.operatorScriptWithEnv(Duration.ofMinutes(2), Map.of("PATH", bin.toString()),
                "scripts/maintenance/backup-database.sh");
        assertOneLineFailure(noTool, "missing tool(s): mariadb-backup");
        deleteFolder(bin);

        assertThat(Topology.operatorScript(Duration.ofMinutes(1), "scripts/maintenance/backup-database.sh", "--list", "--json").report())
                .as("the catalogue is unchanged").isEqualTo(catalogue);
        Topology.Output usage = Topology.operatorScript(Duration.ofMinutes(1), "scripts/maintenance/backup-database.sh", "--bogus");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.report()).contains("usage:");
    }

    /** The host's schedule: the line install-backup-schedule.sh writes for cron, run as cron would. */
    @Test
    void theInstalledCronLineBacksUpAndVerifies() throws Exception {
        Path cronDir = Files.createTempDirectory("cron.d");
        Topology.Output installed = Topology.operatorScript(Duration.ofMinutes(1), "scripts/maintenance/install-backup-schedule.sh",
                "--cron-dir", cronDir.toString());
        assertThat(installed.exitCode()).as(installed.report()).isZero();
        List<String> lines = Files.readAllLines(cronDir.resolve("blog-backups"));
        String job = lines.stream().filter(l -> l.matches("^[0-9*].*")).findFirst().orElseThrow();
        String[] fields = job.split("\\s+", 7);
        assertThat(String.join(" ", List.of(fields).subList(0, 5))).isEqualTo("30 2 * * *");
        assertThat(fields[5]).isEqualTo("root");
        Map<String, String> variables = new HashMap<>();
        lines.stream().filter(l -> l.matches("^[A-Z_]+=.*")).forEach(l -> variables.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertThat(variables).containsKeys("SHELL", "PATH", "BLOG_ENV_FILE");

        ProcessBuilder cron = new ProcessBuilder(variables.get("SHELL"), "-c", fields[6]);
        cron.environment().clear();
        cron.environment().putAll(variables);
        Instant started = Instant.now();
        assertThat(cron.inheritIO().start().waitFor()).isZero();
        String log = Files.readString(Topology.dir().resolve("backups/backup.log"));
        assertThat(log).contains("rows and checksums match");
        Map<String, Object> latest = manifest(Files.list(Topology.dir().resolve("backups")).map(p -> p.getFileName().toString())
                .filter(n -> n.matches("\\d{8}T\\d{6}Z")).max(String::compareTo).orElseThrow());
        assertThat(Instant.parse((String) latest.get("start"))).isAfterOrEqualTo(started.truncatedTo(ChronoUnit.SECONDS));
        @SuppressWarnings("unchecked")
        Map<String, Object> verification = (Map<String, Object>) latest.get("verification");
        assertThat(verification).containsEntry("verified", true);
    }

    @AfterAll
    static void stopScratchServers() throws Exception {
        for (Path pidFile : SCRATCH_PID_FILES) {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(60, TimeUnit.SECONDS).join();
            });
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    /** Creates draft articles one after the other, noting when each was sent and acknowledged. */
    static final class Writer extends Thread {
        record Write(String id, Instant sentAt, Instant acknowledgedAt) {
        }

        private final Accounts.Account author;
        private final Client client = Client.newVisitor();
        private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean running = true;

        Writer(Accounts.Account author) {
            super("backup-drill-writer");
            this.author = author;
        }

        @Override
        public void run() {
            int n = 0;
            while (running) {
                Instant sent = Instant.now();
                Client.Reply reply = client.send("POST", "/api/posts", author.token(),
                        "{\"title\":\"Drill write " + n++ + "\",\"body\":\"b\",\"tags\":[],\"status\":\"DRAFT\"}");
                Instant acknowledged = Instant.now();
                if (reply.status() == 201) {
                    writes.add(new Write((String) reply.json().get("id"), sent, acknowledged));
                }
                Topology.pause(Duration.ofMillis(80));
            }
        }

        List<Write> acknowledged() {
            synchronized (writes) {
                return List.copyOf(writes);
            }
        }

        void awaitAcknowledged(int count) {
            Await.until(count + " acknowledged writes", Duration.ofSeconds(60), () -> writes.size(), n -> n >= count);
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            join(30_000);
        }
    }

    private static void assertFails(String message, String script, String... args) {
        assertOneLineFailure(Topology.operatorScript(Duration.ofMinutes(2), script, args), message);
    }

    private static void assertOneLineFailure(Topology.Output output, String message) {
        assertThat(output.exitCode()).as(output.report()).isEqualTo(1);
        List<String> lines = output.report().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.getLast()).as(output.report()).contains(message);
        assertThat(output.report()).doesNotContain("Traceback");
    }

    private static Map<String, Object> manifest(String id) throws Exception {
        return JsonUtil.parseJson(Files.readString(Topology.dir().resolve("backups/" + id + "/manifest.json")));
    }

    /** The last JSON progress line of a step. */
    private static Map<String, Object> lastJsonLine(String report, String step) {
        Map<String, Object> found = null;
        for (String line : report.lines().filter(l -> l.startsWith("{")).toList()) {
            try {
                Map<String, Object> json = JsonUtil.parseJson(line);
                if (step.equals(json.get("step"))) {
                    found = json;
                }
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
        assertThat(found).as("a %s line in %s", step, report).isNotNull();
        return found;
    }

    private static String scratchSocket(Topology.Output restore) {
        Map<String, Object> done = lastJsonLine(restore.report(), "done");
        SCRATCH_PID_FILES.add(Path.of((String) done.get("pidFile")));
        return (String) done.get("socket");
    }

    private static String primarySocket() {
        return Topology.dir().resolve("mariadb/primary.sock").toString();
    }

    private static String freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Integer.toString(socket.getLocalPort());
        }
    }

    private static void awaitArchiveCaughtUp() {
        Instant since = Instant.now();
        Await.until("the binlog archive caught up", Duration.ofSeconds(30), () -> {
            try {
                Map<String, Object> status = JsonUtil.parseJson(Files.readString(Topology.dir().resolve("backups/binlogs/status.json")));
                return status.get("caughtUpAt") == null ? Instant.EPOCH : Instant.parse((String) status.get("caughtUpAt"));
            } catch (Exception e) {
                return Instant.EPOCH;
            }
        }, caughtUp -> !caughtUp.isBefore(since.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)));
    }

    /** The primary's GTID at a moment when nothing wrote to it around the checksums. */
    private static String quiescentGtid() {
        return Await.until("a quiet moment on the primary", Duration.ofSeconds(60), () -> {
            String before = gtid();
            Topology.pause(Duration.ofMillis(500));
            return before.equals(gtid()) ? before : null;
        }, g -> g != null);
    }

    private static Map<String, String> quiescentChecksums(String gtid) {
        Map<String, String> sums = checksums(primarySocket(), "blog_users", "blog_posts", "blog_comments");
        assertThat(gtid()).as("nothing wrote to the primary since %s (a background job did; run again)", gtid).isEqualTo(gtid);
        return sums;
    }

    private static String gtid() {
        return sql(primarySocket(), "SELECT @@GLOBAL.gtid_binlog_pos").getFirst();
    }

    private static Map<String, String> checksums(String socket, String... schemas) {
        String in = Arrays.stream(schemas).map(s -> "'" + s + "'").collect(Collectors.joining(","));
        Map<String, String> sums = new TreeMap<>();
        for (String table : sql(socket, "SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.tables "
                + "WHERE table_type = 'BASE TABLE' AND table_schema IN (" + in + ")")) {
            sums.put(table, sql(socket, "CHECKSUM TABLE " + table + " EXTENDED").getFirst().split("\t")[1]);
        }
        return sums;
    }

    private static List<String> sql(String socket, String query) {
        return Topology.sqlOn(socket, query);
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

    private static void deleteFolder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
