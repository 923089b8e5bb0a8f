package io.blog.console.performance;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.blog.console.MainLayout;
import io.blog.console.OperatorScripts;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Builds the performance report for a window and shows it; the files stay for download. */
@Route(value = "performance", layout = MainLayout.class)
@PageTitle("Performance — operations console")
public class PerformanceView extends VerticalLayout {

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final OperatorScripts scripts;
    private final Path reports;
    private final Select<String> window = new Select<>();
    private final Button build = new Button("Build report");
    private final Span status = new Span();
    private final HorizontalLayout downloads = new HorizontalLayout();
    private final Div report = new Div();

    @Inject
    public PerformanceView(OperatorScripts scripts, @ConfigProperty(name = "blog.console.reports.dir", defaultValue = "reports") String reports) {
        this.scripts = scripts;
        this.reports = Path.of(reports);
        setSizeFull();
        add(new H2("Performance"));
        if (!scripts.available()) {
            add(new Paragraph("This run has no Prometheus (the one-command run); the production topology's performance report shows here."));
            return;
        }
        window.setId("report-window");
        window.setLabel("Window");
        window.setItems("15m", "1h", "24h", "7d");
        window.setValue("1h");
        build.setId("build-report");
        build.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        build.addClickListener(e -> run());
        status.setId("report-status");
        downloads.setId("report-downloads");
        report.setId("report");
        report.setWidthFull();
        HorizontalLayout controls = new HorizontalLayout(window, build, status, downloads);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(controls, report);
    }

    private void run() {
        UI ui = UI.getCurrent();
        String since = window.getValue();
        Path out = reports.resolve(FOLDER.format(Instant.now()) + "-" + since).toAbsolutePath();
        build.setEnabled(false);
        status.setText("Reading Prometheus…");
        Thread.ofVirtual().start(() -> {
            String error = null;
            try {
                Process process = scripts.start(List.of("scripts/maintenance/performance-report.sh", "--since", since, "--out", out.toString()));
                process.getOutputStream().close();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                        + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    error = output.isBlank() ? "the report script failed" : output.strip().lines().reduce((a, b) -> b).orElse("");
                }
            } catch (IOException e) {
                error = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            String failure = error;
            ui.access(() -> {
                build.setEnabled(true);
                if (failure != null) {
                    status.setText("No report: " + failure);
                    return;
                }
                show(out, since);
            });
        });
    }

    private void show(Path out, String since) {
        try {
            String html = Files.readString(out.resolve("performance-report.html"));
            String body = html.substring(html.indexOf("<body>") + "<body>".length(), html.lastIndexOf("</body>"));
            String style = html.substring(html.indexOf("<style>"), html.indexOf("</style>") + "</style>".length());
            report.removeAll();
            report.add(new Html("<div class='performance-report'>" + style + body + "</div>"));
            downloads.removeAll();
            for (String type : List.of("html", "csv", "md")) {
                Path file = out.resolve("performance-report." + type);
                Anchor link = new Anchor(DownloadHandler.forFile(file.toFile()), type.toUpperCase(Locale.ROOT));
                link.setId("download-" + type);
                downloads.add(link);
            }
            status.setText("Report of the last " + since + ":");
        } catch (IOException | StringIndexOutOfBoundsException e) {
            status.setText("The report could not be read: " + e.getMessage());
        }
    }
}
