package io.blog.console.health;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.blog.console.MainLayout;
import jakarta.inject.Inject;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Every component's state, pushed as the monitor samples it, with its last hour as a strip. */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Health — operations console")
public class HealthView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final HealthMonitor monitor;
    private final Grid<ComponentHealth> grid = new Grid<>();
    private final Span summary = new Span();
    private Runnable unsubscribe;

    @Inject
    public HealthView(HealthMonitor monitor, ComponentFacts facts) {
        this.monitor = monitor;
        setSizeFull();
        summary.setId("health-summary");
        grid.setId("health-grid");
        grid.addColumn(ComponentHealth::name).setHeader("Component").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(h -> {
            Span state = new Span(h.state());
            state.getElement().getThemeList().add(h.up() ? "badge success" : "badge error");
            state.addClassName(h.up() ? "state-up" : "state-down");
            return state;
        }).setHeader("State").setWidth("10em").setFlexGrow(0);
        grid.addColumn(new ComponentRenderer<>(h -> new Html(strip(monitor.history(h.name()))))).setHeader("Last hour").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(h -> facts.of(h.name()).map(ComponentFacts.Facts::version).orElse("–")).setHeader("Version")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(h -> facts.of(h.name()).map(ComponentFacts.Facts::uptime).orElse("–")).setHeader("Up for")
                .setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(ComponentHealth::detail).setHeader("Checks and data").setFlexGrow(1);
        grid.addColumn(h -> TIME.format(h.at())).setHeader("Checked (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.setSizeFull();
        add(new H2("Health"), summary, grid);
        show(monitor.latest());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        unsubscribe = monitor.subscribe(latest -> event.getUI().access(() -> show(latest)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }

    private void show(List<ComponentHealth> latest) {
        grid.setItems(latest);
        long down = latest.stream().filter(h -> !h.up()).count();
        summary.setText(latest.isEmpty() ? "First sample pending…"
                : down == 0 ? "All " + latest.size() + " components healthy" : down + " of " + latest.size() + " components unhealthy");
    }

    /** One 2-px bar per sample, green up, red down, oldest on the left (an SVG, no chart library). */
    static String strip(List<ComponentHealth> samples) {
        int width = 240;
        int bars = Math.min(samples.size(), width / 2);
        StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' width='" + width + "' height='14' role='img'>");
        List<ComponentHealth> shown = samples.subList(samples.size() - bars, samples.size());
        for (int i = 0; i < shown.size(); i++) {
            svg.append("<rect x='").append(width - (shown.size() - i) * 2).append("' y='0' width='2' height='14' fill='")
                    .append(shown.get(i).up() ? "#2e7d32" : "#c62828").append("'/>");
        }
        return svg.append("</svg>").toString();
    }
}
