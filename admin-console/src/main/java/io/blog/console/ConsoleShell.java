package io.blog.console;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;

/** Server push for the live views; Lumo plus one plain stylesheet (no frontend build needed). */
@Push
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("context://styles/console.css")
public class ConsoleShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Blog operations console");
        settings.addFavIcon("icon", "icons/console.svg", "32x32");
    }
}
