package io.blog.console.backups;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.blog.console.Confirmation;
import io.blog.console.MainLayout;
import io.blog.console.audit.AuditLog;
import io.blog.console.auth.Operator;
import io.blog.console.auth.OperatorSession;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** The catalogue with "back up now" and "verify", both confirmed, audited and shown as they run. */
@Route(value = "backups", layout = MainLayout.class)
@PageTitle("Backups — operations console")
public class BackupsView extends VerticalLayout {

    /** The steps backup-database.sh reports, in order: the progress bar follows them. */
    private static final List<String> BACKUP_STEPS = List.of("start", "freeze", "copy", "tables", "resume", "redis", "done");
    private static final List<String> VERIFY_STEPS = List.of("check", "extract", "compare", "done");

    private final BackupScripts scripts;
    private final AuditLog audit;
    private final OperatorSession session;
    private final Grid<JsonObject> grid = new Grid<>();
    private final ProgressBar progress = new ProgressBar(0, 1);
    private final Span status = new Span();
    private final Button backUp = new Button("Back up now");

    @Inject
    public BackupsView(BackupScripts scripts, AuditLog audit, OperatorSession session) {
        this.scripts = scripts;
        this.audit = audit;
        this.session = session;
        setSizeFull();
        add(new H2("Backups"));
        if (!scripts.available()) {
            add(new Paragraph("Backups belong to the production topology (start-production.sh): this run has none. "
                    + "There, this view shows the catalogue and runs scripts/maintenance/backup-database.sh."));
            return;
        }
        Map<String, String> env = scripts.envSettings();
        add(new Paragraph("Retention: the newest backup of each of the last " + env.getOrDefault("BLOG_BACKUP_KEEP_DAILY", "7")
                + " days and " + env.getOrDefault("BLOG_BACKUP_KEEP_WEEKLY", "4") + " weeks, always the newest verified one. Schedule: "
                + scripts.installedSchedule().map(p -> "cron (" + p + "), " + schedule(env.getOrDefault("BLOG_BACKUP_SCHEDULE", "30 2 * * *")))
                        .orElse("not installed on this host (scripts/maintenance/install-backup-schedule.sh)") + "."));
        backUp.setId("back-up-now");
        backUp.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        backUp.addClickListener(e -> Confirmation.ask("Back up now?", "A backup pauses the replica for a few seconds while it is copied.",
                "Back up", this::runBackup));
        progress.setId("backup-progress");
        progress.setVisible(false);
        progress.setWidth("20em");
        status.setId("backup-status");
        add(new HorizontalLayout(backUp, progress, status));

        grid.setId("backup-catalogue");
        grid.addColumn(m -> m.getString("id")).setHeader("Backup (UTC start)").setAutoWidth(true);
        grid.addColumn(m -> m.getString("status", "?")).setHeader("Status").setAutoWidth(true);
        grid.addColumn(BackupsView::size).setHeader("Size").setAutoWidth(true);
        grid.addColumn(m -> m.containsKey("durationSeconds") ? String.format(Locale.ROOT, "%.1f s", m.getJsonNumber("durationSeconds").doubleValue()) : "—")
                .setHeader("Duration").setAutoWidth(true);
        grid.addColumn(m -> m.getString("gtid", "—")).setHeader("GTID").setAutoWidth(true);
        grid.addColumn(BackupsView::checksum).setHeader("SHA-256 (data)").setAutoWidth(true);
        grid.addColumn(BackupsView::verified).setHeader("Verified").setAutoWidth(true);
        grid.addComponentColumn(m -> {
            Button verify = new Button("Verify", e -> Confirmation.ask("Verify " + m.getString("id") + "?",
                    "The backup is restored into a scratch server and compared with its manifest.", "Verify",
                    () -> runVerify(m.getString("id"))));
            verify.setEnabled("ok".equals(m.getString("status", "")));
            verify.addClassName("verify-" + m.getString("id"));
            return verify;
        }).setHeader("").setAutoWidth(true);
        grid.setSizeFull();
        add(grid);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (scripts.available()) {
            refresh(event.getUI());
        }
    }

    /** The catalogue comes from a script run: read off the request thread, then pushed. */
    private void refresh(UI ui) {
        Thread.ofVirtual().start(() -> {
            try {
                List<JsonObject> catalogue = scripts.catalogue();
                ui.access(() -> grid.setItems(catalogue));
            } catch (IOException e) {
                ui.access(() -> status.setText("The catalogue could not be read: " + e.getMessage()));
            }
        });
    }


    private void runBackup() {
        run("back up now", BACKUP_STEPS, (listener) -> scripts.backUp(listener));
    }

    private void runVerify(String id) {
        run("verify " + id, VERIFY_STEPS, (listener) -> scripts.verify(id, listener));
    }

    private void run(String action, List<String> steps, Function<Consumer<JsonObject>, BackupScripts.Outcome> job) {
        UI ui = UI.getCurrent();
        String operator = session.current().map(Operator::username).orElse("?");
        if (scripts.busy()) {
            status.setText("Another backup job is running; wait for it to finish.");
            return;
        }
        backUp.setEnabled(false);
        progress.setVisible(true);
        progress.setValue(0);
        status.setText("Starting…");
        Thread.ofVirtual().start(() -> {
            BackupScripts.Outcome outcome = job.apply(line -> ui.access(() -> {
                int step = steps.indexOf(line.getString("step", ""));
                if (step >= 0) {
                    progress.setValue((double) (step + 1) / steps.size());
                }
                status.setText(line.getString("message", ""));
            }));
            audit.record(operator, action, outcome.ok() ? "ok: " + outcome.message() : "failed: " + outcome.message());
            ui.access(() -> {
                backUp.setEnabled(true);
                progress.setVisible(false);
                status.setText(outcome.ok() ? outcome.message() : "FAILED: " + outcome.message());
                refresh(ui);
            });
        });
    }

    private static String size(JsonObject m) {
        if (!m.containsKey("files")) {
            return "—";
        }
        long bytes = m.getJsonObject("files").values().stream().mapToLong(f -> f.asJsonObject().getJsonNumber("bytes").longValue()).sum();
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static String checksum(JsonObject m) {
        if (!m.containsKey("files") || !m.getJsonObject("files").containsKey("data.mbstream.zst")) {
            return "—";
        }
        return m.getJsonObject("files").getJsonObject("data.mbstream.zst").getString("sha256").substring(0, 12) + "…";
    }

    private static String verified(JsonObject m) {
        JsonValue v = m.get("verification");
        if (v == null || v.getValueType() != JsonValue.ValueType.OBJECT) {
            return "not yet";
        }
        JsonObject verification = v.asJsonObject();
        return (verification.getBoolean("verified", false) ? "yes, " : "FAILED, ") + verification.getString("at", "");
    }

    /** "30 2 * * *, next 2026-12-06 02:30 CET": cron runs it in the host's time zone, as the console's JVM sees it. */
    private static String schedule(String expression) {
        return expression + CronSchedule.parse(expression).flatMap(c -> c.next(ZonedDateTime.now()))
                .map(t -> ", next " + t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .orElse(" (not a cron schedule cron would run)");
    }
}
