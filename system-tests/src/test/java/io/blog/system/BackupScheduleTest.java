package io.blog.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup schedule as shipped for Kubernetes: the CronJob runs the host topology's scripts (one
 * implementation), daily, never two at once, and the binlog archiver runs alone in the foreground.
 * BackupIT runs the host's cron line for real.
 */
class BackupScheduleTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theCronJobRunsTheMaintenanceScriptsDailyAndTheArchiverRunsAlone() throws Exception {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("containers/k8s/base/backup-cronjob.yaml"))) {
            for (Object document : new Yaml().loadAll(reader)) {
                documents.add(map(document));
            }
        }
        Map<String, Object> cronJob = kind(documents, "CronJob");
        Map<String, Object> spec = map(cronJob.get("spec"));
        assertThat(spec).containsEntry("schedule", "30 2 * * *").containsEntry("concurrencyPolicy", "Forbid");
        Map<String, Object> pod = map(map(map(map(spec.get("jobTemplate")).get("spec")).get("template")).get("spec"));
        Map<String, Object> backup = map(list(pod.get("containers")).getFirst());
        String command = String.join(" ", strings(backup.get("args")));
        assertThat(command).contains("scripts/maintenance/backup-database.sh", "scripts/maintenance/restore-database.sh latest --verify");
        assertScriptsExist(command);
        assertThat(envNames(backup)).contains("BLOG_ENV_FILE", "BLOG_DB_PAIR_DIR", "BLOG_BACKUP_DIR", "BLOG_METRICS_TEXTFILE_DIR");

        Map<String, Object> archiver = kind(documents, "Deployment");
        Map<String, Object> archiverSpec = map(archiver.get("spec"));
        assertThat(archiverSpec).containsEntry("replicas", 1);
        assertThat(map(archiverSpec.get("strategy"))).containsEntry("type", "Recreate");
        Map<String, Object> archiverContainer = map(list(map(map(archiverSpec.get("template")).get("spec")).get("containers")).getFirst());
        assertThat(strings(archiverContainer.get("command"))).containsExactly("scripts/maintenance/binlog-archiver.sh", "run");
        assertScriptsExist("scripts/maintenance/binlog-archiver.sh");
        assertThat(envNames(archiverContainer)).isEqualTo(envNames(backup));
    }

    private static void assertScriptsExist(String command) {
        for (String word : command.split("\\s+")) {
            if (word.startsWith("scripts/")) {
                assertThat(ROOT.resolve(word)).as(word).isExecutable();
            }
        }
    }

    private static List<String> envNames(Map<String, Object> container) {
        return list(container.get("env")).stream().map(e -> (String) map(e).get("name")).toList();
    }

    private static Map<String, Object> kind(List<Map<String, Object>> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).findFirst().orElseThrow(() -> new AssertionError("no " + kind));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }
}
