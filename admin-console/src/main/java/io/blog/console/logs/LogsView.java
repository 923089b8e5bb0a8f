package io.blog.console.logs;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.blog.console.MainLayout;
import io.blog.console.PlatformApi;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;

/**
 * Recent errors of every component with their request ids; a request id (typed, clicked, or in the
 * link ?request=…) shows that request's trail: the gateway's line and every service's lines.
 */
@Route(value = "logs", layout = MainLayout.class)
@PageTitle("Logs — operations console")
public class LogsView extends VerticalLayout implements BeforeEnterObserver {

    private final LogIndex logs;
    private final TextField requestId = new TextField("Request id");
    private final Paragraph trailStatus = new Paragraph();
    private final Grid<LogIndex.Line> trail = grid("request-trail");

    @Inject
    public LogsView(LogIndex logs) {
        this.logs = logs;
        add(new H2("Logs"));
        if (!logs.configured()) {
            add(new Paragraph("This run has no log index (the one-command run writes its logs to files only); "
                    + "the production topology's logs are searchable here."));
            return;
        }
        requestId.setId("request-id");
        requestId.setPlaceholder("from an error message or a line below");
        requestId.setWidth("28em");
        Button show = new Button("Show trail", e -> showTrail(requestId.getValue().trim()));
        show.setId("show-trail");
        trailStatus.setId("trail-status");
        HorizontalLayout search = new HorizontalLayout(requestId, show);
        search.setAlignItems(Alignment.BASELINE);
        add(new H3("One request's trail"), search, trailStatus, trail);
        trail.setVisible(false);

        Grid<LogIndex.Line> errors = grid("recent-errors");
        errors.addItemClickListener(e -> {
            if (!e.getItem().requestId().isEmpty()) {
                requestId.setValue(e.getItem().requestId());
                showTrail(e.getItem().requestId());
            }
        });
        try {
            List<LogIndex.Line> recent = logs.recentErrors(100);
            errors.setItems(recent);
            add(new H3("Errors in the last 24 hours (newest " + recent.size() + ")"), errors);
        } catch (PlatformApi.Unavailable e) {
            add(new H3("Errors in the last 24 hours"), new Paragraph("The log index cannot be reached: " + e.getMessage()));
        }
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, List<String>> parameters = event.getLocation().getQueryParameters().getParameters();
        List<String> wanted = parameters.getOrDefault("request", List.of());
        if (logs.configured() && !wanted.isEmpty()) {
            requestId.setValue(wanted.getFirst());
            showTrail(wanted.getFirst());
        }
    }

    private void showTrail(String id) {
        trail.setVisible(false);
        if (!LogIndex.isRequestId(id)) {
            trailStatus.setText("A request id is 8 to 128 letters, digits or . _ : - (the X-Request-Id header, or traceId in an error body).");
            return;
        }
        try {
            List<LogIndex.Line> lines = logs.trail(id);
            trail.setItems(lines);
            trail.setVisible(!lines.isEmpty());
            trailStatus.setText(lines.isEmpty() ? "No line carries request id " + id + " (yet: lines are searchable about a second after they are written)."
                    : lines.size() + " lines of request " + id + ", oldest first.");
            getUI().ifPresent(ui -> ui.getPage().getHistory().replaceState(null, "logs?" + QueryParameters.of("request", id).getQueryString()));
        } catch (PlatformApi.Unavailable e) {
            trailStatus.setText("The log index cannot be reached: " + e.getMessage());
        }
    }

    private static Grid<LogIndex.Line> grid(String id) {
        Grid<LogIndex.Line> grid = new Grid<>();
        grid.setId(id);
        grid.addColumn(LogIndex.Line::timestamp).setHeader("Time").setAutoWidth(true);
        grid.addColumn(LogIndex.Line::node).setHeader("Where").setAutoWidth(true);
        grid.addColumn(LogIndex.Line::dataset).setHeader("Log").setAutoWidth(true);
        grid.addColumn(LogIndex.Line::level).setHeader("Level").setAutoWidth(true);
        grid.addColumn(LogIndex.Line::message).setHeader("Message").setFlexGrow(1);
        grid.addColumn(LogIndex.Line::requestId).setHeader("Request id").setAutoWidth(true);
        grid.setAllRowsVisible(true);
        return grid;
    }
}
