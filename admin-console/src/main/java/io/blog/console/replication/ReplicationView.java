package io.blog.console.replication;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.select.Select;
import io.blog.console.MainLayout;
import io.blog.console.PlatformApi;
import jakarta.inject.Inject;

import java.util.List;

/** Lag, positions, threads and the last error of the replica, pushed on every reading. */
@Route(value = "replication", layout = MainLayout.class)
@PageTitle("Replication — operations console")
public class ReplicationView extends VerticalLayout {

    private final ReplicationMonitor monitor;
    private final LagHistory history;
    private final Div facts = new Div();
    private final Div chart = new Div();
    private final Select<String> span = new Select<>();
    private Runnable unsubscribe;

    @Inject
    public ReplicationView(ReplicationMonitor monitor, LagHistory history) {
        this.monitor = monitor;
        this.history = history;
        facts.setId("replication-facts");
        chart.setId("replication-chart");
        add(new H2("Replication"));
        if (!monitor.configured()) {
            add(new Paragraph("This run has no replica: the one-command run keeps everything in one embedded database. "
                    + "The production topology (start-production.sh) shows its primary and replica here."));
            return;
        }
        span.setId("lag-span");
        span.setItems(LAST_HOUR, LAST_DAY);
        span.setValue(LAST_HOUR);
        span.addValueChangeListener(e -> drawChart());
        add(facts, new H3("Replica lag (seconds)"), span, chart);
        monitor.latest().ifPresent(this::show);
    }

    private static final String LAST_HOUR = "Last hour (the console's readings)";
    private static final String LAST_DAY = "Last day (Prometheus)";

    private void drawChart() {
        chart.removeAll();
        if (LAST_DAY.equals(span.getValue())) {
            try {
                chart.add(new Html(lagChart(history.lastDay())));
            } catch (PlatformApi.Unavailable e) {
                chart.add(new Paragraph("The day's lag comes from Prometheus, which cannot be reached: " + e.getMessage()));
            }
        } else {
            chart.add(new Html(lagChart(monitor.history().stream().map(ReplicationState::lagSeconds).toList())));
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (monitor.configured()) {
            unsubscribe = monitor.subscribe(state -> event.getUI().access(() -> show(state)));
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }

    private void show(ReplicationState state) {
        facts.removeAll();
        Span status = new Span(state.healthy() ? "replicating" : "NOT replicating");
        status.setId("replication-status");
        status.getElement().getThemeList().add(state.healthy() ? "badge success" : "badge error");
        facts.add(status,
                line("Lag", state.lagSeconds() == null ? "unknown" : state.lagSeconds() + " s", "replication-lag"),
                line("Primary GTID", orDash(state.primaryGtid()), "primary-gtid"),
                line("Replica GTID", orDash(state.replicaGtid()), "replica-gtid"),
                line("I/O thread", orDash(state.ioThread()), "io-thread"),
                line("SQL thread", orDash(state.sqlThread()), "sql-thread"),
                line("Last error", state.problem() != null ? state.problem() : orDash(state.lastError()), "replication-error"));
        if (LAST_HOUR.equals(span.getValue())) {
            drawChart();
        }
    }

    private static Paragraph line(String label, String value, String id) {
        Span v = new Span(value);
        v.setId(id);
        return new Paragraph(new Span(label + ": "), v);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    /** A line of the lag over the readings (unknown lag, null, drawn as a gap), scaled to its maximum. */
    static String lagChart(List<Long> readings) {
        int width = 600;
        int height = 120;
        long max = Math.max(1, readings.stream().filter(java.util.Objects::nonNull).mapToLong(Long::longValue).max().orElse(1));
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='" + width + "' height='" + (height + 20)
                + "' role='img'><rect width='" + width + "' height='" + height + "' fill='#f5f7fa'/>");
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < readings.size(); i++) {
            Long lag = readings.get(i);
            if (lag == null) {
                pen = false;
                continue;
            }
            double x = readings.size() == 1 ? width : (double) i * width / (readings.size() - 1);
            double y = height - (double) lag * (height - 4) / max;
            path.append(pen ? " L" : " M").append(String.format(java.util.Locale.ROOT, "%.1f %.1f", x, y));
            pen = true;
        }
        svg.append("<path d='").append(path).append("' stroke='#1565c0' stroke-width='2' fill='none'/>");
        svg.append("<text x='4' y='").append(height + 14).append("' font-size='11'>max ").append(max).append(" s, ")
                .append(readings.size()).append(" readings</text></svg>");
        return svg.toString();
    }
}
