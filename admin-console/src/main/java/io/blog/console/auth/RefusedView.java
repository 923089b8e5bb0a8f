package io.blog.console.auth;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.inject.Inject;

/** What a signed-in account without the ADMIN role sees. */
@Route("refused")
@PageTitle("Not an operator — operations console")
public class RefusedView extends VerticalLayout {

    @Inject
    public RefusedView(OperatorSession session) {
        String who = session.current().map(Operator::username).orElse("This account");
        add(new H2("Operators only"),
                new Paragraph(who + " is signed in but does not have the ADMIN role, which the operations console requires. "
                        + "Ask an administrator to grant it, or sign in with another account."),
                new Button("Sign out", e -> {
                    session.signOut();
                    getUI().ifPresent(ui -> ui.getPage().setLocation("login"));
                }));
        addClassName("refused");
    }
}
