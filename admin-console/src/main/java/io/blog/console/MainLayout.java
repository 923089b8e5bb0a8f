package io.blog.console;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.blog.console.alerts.AlertsView;
import io.blog.console.auth.Operator;
import io.blog.console.auth.OperatorSession;
import io.blog.console.backups.BackupsView;
import io.blog.console.health.HealthView;
import io.blog.console.logs.LogsView;
import io.blog.console.performance.PerformanceView;
import io.blog.console.replication.ReplicationView;
import io.blog.console.users.UsersView;
import jakarta.inject.Inject;

/** The frame every view sits in: navigation, who is signed in, sign-out. */
public class MainLayout extends AppLayout {

    @Inject
    public MainLayout(OperatorSession session) {
        H1 title = new H1("Blog operations");
        title.addClassName("console-title");
        Span who = new Span(session.current().map(Operator::username).orElse(""));
        who.setId("operator");
        Button signOut = new Button("Sign out", e -> {
            session.signOut();
            getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
        });
        signOut.setId("sign-out");
        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), title, who, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(title);
        header.addClassName("console-header");
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Health", HealthView.class), new SideNavItem("Replication", ReplicationView.class),
                new SideNavItem("Backups", BackupsView.class), new SideNavItem("Performance", PerformanceView.class), new SideNavItem("Alerts", AlertsView.class),
                new SideNavItem("Logs", LogsView.class), new SideNavItem("Users", UsersView.class));
        addToDrawer(nav);
    }
}
