package io.blog.console.alerts;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.blog.console.ConsoleSettings;
import io.blog.console.MainLayout;
import io.blog.console.PlatformApi;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Firing alerts and the ones resolved in the last 24 hours, with severity, summary and runbook. */
@Route(value = "alerts", layout = MainLayout.class)
@PageTitle("Alerts — operations console")
public class AlertsView extends VerticalLayout {

    /** One alert as the operator reads it. */
    public record Alert(String name, String severity, String labels, String summary, String runbook, String since) {
    }

    @Inject
    public AlertsView(PlatformApi api, ConsoleSettings settings) {
        add(new H2("Alerts"));
        Optional<String> alertmanager = settings.alertmanager();
        Optional<String> prometheus = settings.prometheus();
        if (alertmanager.isEmpty() || prometheus.isEmpty()) {
            add(new Paragraph("This run has no Alertmanager or Prometheus (the one-command run); the production topology's alerts show here."));
            return;
        }
        Grid<Alert> firing = grid("firing-alerts");
        Set<String> firingKeys = Set.of();
        try {
            List<Alert> active = api.get(URI.create(alertmanager.get() + "/api/v2/alerts?active=true&silenced=false&inhibited=false"), null)
                    .asJsonArray().stream().map(JsonValue::asJsonObject).map(AlertsView::fromAlertmanager).toList();
            firing.setItems(active);
            firingKeys = active.stream().map(a -> a.name() + a.labels()).collect(Collectors.toSet());
            add(new H3("Firing now (" + active.size() + ")"), firing);
        } catch (PlatformApi.Unavailable e) {
            add(new H3("Firing now"), new Paragraph("Alertmanager cannot be reached: " + e.getMessage()));
        }
        Grid<Alert> resolved = grid("resolved-alerts");
        try {
            String query = URLEncoder.encode("max_over_time(ALERTS{alertstate=\"firing\"}[24h])", StandardCharsets.UTF_8);
            JsonObject answer = api.get(URI.create(prometheus.orElseThrow() + "/api/v1/query?query=" + query), null).asJsonObject();
            Set<String> now = firingKeys;
            List<Alert> past = answer.getJsonObject("data").getJsonArray("result").stream().map(JsonValue::asJsonObject)
                    .map(r -> fromPrometheus(r.getJsonObject("metric"))).filter(a -> !now.contains(a.name() + a.labels())).toList();
            resolved.setItems(past);
            add(new H3("Resolved in the last 24 hours (" + past.size() + ")"), resolved);
        } catch (PlatformApi.Unavailable | RuntimeException e) {
            add(new H3("Resolved in the last 24 hours"), new Paragraph("Prometheus cannot be reached: " + e.getMessage()));
        }
    }

    private static Grid<Alert> grid(String id) {
        Grid<Alert> grid = new Grid<>();
        grid.setId(id);
        grid.addColumn(Alert::name).setHeader("Alert").setAutoWidth(true);
        grid.addColumn(Alert::severity).setHeader("Severity").setAutoWidth(true);
        grid.addColumn(Alert::labels).setHeader("Where").setAutoWidth(true);
        grid.addColumn(Alert::summary).setHeader("Summary").setFlexGrow(1);
        grid.addColumn(Alert::runbook).setHeader("Runbook").setAutoWidth(true);
        grid.addColumn(Alert::since).setHeader("Since").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private static Alert fromAlertmanager(JsonObject alert) {
        JsonObject labels = alert.getJsonObject("labels");
        JsonObject annotations = alert.getJsonObject("annotations");
        return new Alert(labels.getString("alertname", "?"), labels.getString("severity", ""), where(labels),
                annotations.getString("summary", ""), annotations.getString("runbook", ""), alert.getString("startsAt", ""));
    }

    private static Alert fromPrometheus(JsonObject labels) {
        return new Alert(labels.getString("alertname", "?"), labels.getString("severity", ""), where(labels), "",
                "monitoring/runbooks.md#" + labels.getString("alertname", "").toLowerCase(Locale.ROOT), "");
    }

    /** The labels that say where (instance, service, …), not the ones every alert has. */
    private static String where(JsonObject labels) {
        return labels.entrySet().stream()
                .filter(e -> !Set.of("alertname", "severity", "alertstate", "__name__", "job", "role").contains(e.getKey()))
                .map(e -> e.getKey() + "=" + ((JsonString) e.getValue()).getString())
                .sorted().collect(Collectors.joining(" "));
    }
}
