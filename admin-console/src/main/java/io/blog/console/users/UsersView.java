package io.blog.console.users;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.blog.console.Confirmation;
import io.blog.console.MainLayout;
import io.blog.console.PlatformApi;
import io.blog.console.audit.AuditLog;
import io.blog.console.auth.Operator;
import io.blog.console.auth.OperatorSession;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Accounts: search, roles, disable/enable; every change confirmed and audited. */
@Route(value = "users", layout = MainLayout.class)
@PageTitle("Users — operations console")
public class UsersView extends VerticalLayout {

    private static final List<String> ROLES = List.of("READER", "AUTHOR", "EDITOR", "ADMIN");

    private final PlatformApi api;
    private final OperatorSession session;
    private final AuditLog audit;
    private final TextField search = new TextField();
    private final Grid<JsonObject> grid = new Grid<>();
    private final Span status = new Span();

    @Inject
    public UsersView(PlatformApi api, OperatorSession session, AuditLog audit) {
        this.api = api;
        this.session = session;
        this.audit = audit;
        setSizeFull();
        search.setId("user-search");
        search.setPlaceholder("Username, email or name");
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> load());
        status.setId("users-status");
        grid.setId("users-grid");
        grid.addColumn(a -> a.getString("username")).setHeader("Username").setAutoWidth(true);
        grid.addColumn(a -> a.getString("email", "")).setHeader("Email").setAutoWidth(true);
        grid.addColumn(a -> String.join(", ", roles(a))).setHeader("Roles").setWidth("16em");
        grid.addColumn(a -> a.getString("status", "")).setHeader("Status").setAutoWidth(true);
        // Frozen to the end: with the drawer open the columns are wider than the view, and the
        // actions must not be the part scrolled out of sight.
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0).setFrozenToEnd(true);
        grid.setSizeFull();
        add(new H2("Users"), new HorizontalLayout(search, status), grid);
        load();
    }

    private void load() {
        Operator operator = session.current().orElse(null);
        try {
            String query = search.getValue().strip();
            JsonObject page = api.get(api.api("/api/users/?size=50&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)), operator)
                    .asJsonObject();
            List<JsonObject> items = page.getJsonArray("items").stream().map(JsonValue::asJsonObject).toList();
            grid.setItems(items);
            // Naming the query tells the operator which search the rows answer while typing goes on.
            long total = page.getJsonNumber("total").longValue();
            status.setText(query.isEmpty() ? total + " account(s)" : total + " account(s) matching “" + query + "”");
        } catch (PlatformApi.Unavailable e) {
            grid.setItems(List.of());
            status.setText("Accounts cannot be listed: " + e.getMessage());
        }
    }

    private HorizontalLayout actions(JsonObject account) {
        String username = account.getString("username");
        Button roles = new Button("Roles…", e -> editRoles(account));
        roles.addClassName("roles-" + username);
        boolean active = "ACTIVE".equals(account.getString("status", ""));
        Button toggle = new Button(active ? "Disable" : "Enable", e -> Confirmation.ask((active ? "Disable " : "Enable ") + username + "?",
                active ? "Disabling ends the account's sessions and rejects its tokens at once." : "The account can sign in again.",
                active ? "Disable" : "Enable", () -> change(username, "status", Json.createObjectBuilder()
                        .add("status", active ? "DISABLED" : "ACTIVE").build(), (active ? "disable " : "enable ") + username)));
        toggle.addClassName("status-" + username);
        return new HorizontalLayout(roles, toggle);
    }

    private void editRoles(JsonObject account) {
        String username = account.getString("username");
        CheckboxGroup<String> choice = new CheckboxGroup<>("Roles of " + username, ROLES);
        choice.setValue(new LinkedHashSet<>(roles(account)));
        choice.setId("role-choice");
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Change the roles of " + username + "?");
        dialog.add(choice, new Paragraph("The account signs in again to use new roles; removed ones stop at its next token."));
        Button save = new Button("Change roles", e -> {
            dialog.close();
            Set<String> chosen = choice.getValue();
            change(username, "roles", Json.createObjectBuilder().add("roles", Json.createArrayBuilder(List.copyOf(chosen))).build(),
                    "roles of " + username + " → " + String.join(",", chosen));
        });
        save.setId("confirm");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void change(String username, String what, JsonObject body, String action) {
        Operator operator = session.current().orElse(null);
        String who = operator == null ? "?" : operator.username();
        String outcome;
        try {
            api.put(api.api("/api/users/" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "/" + what), operator, body);
            audit.record(who, action, "ok");
            outcome = "Done: " + action;
        } catch (PlatformApi.Unavailable e) {
            audit.record(who, action, "failed: " + e.getMessage());
            outcome = "Not done: " + e.getMessage();
        }
        load();
        status.setText(outcome);
    }


    private static List<String> roles(JsonObject account) {
        return account.getJsonArray("roles").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
