package io.blog.console.replication;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.blog.console.Confirmation;
import io.blog.console.MainLayout;
import io.blog.console.PlatformApi;
import io.blog.console.audit.AuditLog;
import io.blog.console.auth.Operator;
import io.blog.console.auth.OperatorSession;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Which node writes, lag, positions, threads and the last error of the replica, pushed on every
 * reading; promotion and rejoin, confirmed and audited, run the operator's scripts.
 */
@Route(value = "replication", layout = MainLayout.class)
@PageTitle("Replication — operations console")
public class ReplicationView extends VerticalLayout {

    private final ReplicationMonitor monitor;
    private final LagHistory history;
    private final Div facts = new Div();
    private final Div chart = new Div();
    private final Select<String> span = new Select<>();
    private final Failover failover;
    private final AuditLog audit;
    private final OperatorSession session;
    private final Span hint = new Span();
    private final Button promote = new Button("Promote the replica…");
    private final Button rejoin = new Button("Rejoin the former writer…");
    private final Span failoverStatus = new Span();
    private final Pre failoverOutput = new Pre();
    private Runnable unsubscribe;

    @Inject
    public ReplicationView(ReplicationMonitor monitor, LagHistory history, Failover failover, AuditLog audit, OperatorSession session) {
        this.monitor = monitor;
        this.history = history;
        this.failover = failover;
        this.audit = audit;
        this.session = session;
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
        add(facts);
        // Above the chart: in an outage the operator needs the steps without scrolling.
        if (failover.available()) {
            add(failoverSection());
        }
        add(new H3("Replica lag (seconds)"), span, chart);
        monitor.latest().ifPresent(this::show);
    }

    private Div failoverSection() {
        hint.setId("failover-hint");
        promote.setId("promote-replica");
        promote.addThemeVariants(ButtonVariant.LUMO_ERROR);
        promote.addClickListener(e -> Confirmation.ask("Promote the replica?",
                "The replica becomes the writer and the primary is fenced: it will not start again until it rejoins. "
                        + "Only for a writer that is gone (crashed, killed, its host lost): promote-replica.sh refuses while "
                        + "the writer's process runs. " + reading(),
                "Promote", () -> runStep("promote replica", failover::promote)));
        rejoin.setId("rejoin-replica");
        rejoin.addClickListener(e -> Confirmation.ask("Rejoin the former writer?",
                "Once its host is sound: the former writer starts, follows the promoted node by GTID, catches up and takes "
                        + "the writer role back (writes get 503 for a moment while it moves). " + reading(),
                "Rejoin", () -> runStep("rejoin former writer", failover::rejoin)));
        failoverStatus.setId("failover-status");
        failoverOutput.setId("failover-output");
        failoverOutput.setVisible(false);
        // The scripts' lines are long (paths, GTIDs): wrapped, they keep the view as wide as the window.
        failoverOutput.getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere");
        Div section = new Div(new H3("Failover"),
                new Paragraph("Promotion is an operator's decision, never automatic: only a person can tell a dead writer from one "
                        + "cut off but still writing. The services need nothing: they find the writer by themselves."),
                hint, new HorizontalLayout(promote, rejoin), new Paragraph(failoverStatus), failoverOutput);
        section.setId("failover");
        return section;
    }

    private String reading() {
        return monitor.latest().map(s -> "Now: " + (s.writer() == null ? "no node takes writes." : s.writer() + " writes."))
                .orElse("No reading yet.");
    }

    private void runStep(String action, Supplier<Failover.Outcome> step) {
        UI ui = UI.getCurrent();
        String operator = session.current().map(Operator::username).orElse("?");
        promote.setEnabled(false);
        rejoin.setEnabled(false);
        failoverStatus.setText(action + "…");
        failoverOutput.setVisible(false);
        Thread.ofVirtual().start(() -> {
            Failover.Outcome outcome = step.get();
            audit.record(operator, action, (outcome.ok() ? "ok: " : "failed: ") + outcome.message());
            ui.access(() -> {
                promote.setEnabled(true);
                rejoin.setEnabled(true);
                failoverStatus.setText((outcome.ok() ? action + " ok: " : action + " FAILED: ") + outcome.message());
                failoverOutput.setText(outcome.output());
                failoverOutput.setVisible(!outcome.output().isBlank());
            });
        });
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
                line("Writer", state.writer() == null ? "none answers writable" : state.writer(), "writer"),
                line("Lag", state.lagSeconds() == null ? "unknown" : state.lagSeconds() + " s", "replication-lag"),
                line("Writer GTID", orDash(state.writerGtid()), "writer-gtid"),
                line("Replica GTID" + (state.follower() == null ? "" : " (" + state.follower() + ")"), orDash(state.replicaGtid()), "replica-gtid"),
                line("I/O thread", orDash(state.ioThread()), "io-thread"),
                line("SQL thread", orDash(state.sqlThread()), "sql-thread"),
                line("Last error", state.problem() != null ? state.problem() : orDash(state.lastError()), "replication-error"));
        hint.setText(hintFor(state));
        if (LAST_HOUR.equals(span.getValue())) {
            drawChart();
        }
    }

    /** What the reading suggests; the scripts still decide whether a step is safe. */
    static String hintFor(ReplicationState state) {
        if (state.writer() == null) {
            return "No node takes writes. If the writer's process is gone, promote the replica.";
        }
        if (state.promoted()) {
            return "The replica took over. Once the primary's host is sound, rejoin it.";
        }
        return state.healthy() ? "Both nodes run in their roles: nothing to do." : "The replica does not follow: see the last error.";
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
        long max = Math.max(1, readings.stream().filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(1));
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
            path.append(pen ? " L" : " M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            pen = true;
        }
        svg.append("<path d='").append(path).append("' stroke='#1565c0' stroke-width='2' fill='none'/>");
        svg.append("<text x='4' y='").append(height + 14).append("' font-size='11'>max ").append(max).append(" s, ")
                .append(readings.size()).append(" readings</text></svg>");
        return svg.toString();
    }
}
