package io.blog.console.auth;

import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.blog.console.audit.AuditLog;
import jakarta.inject.Inject;

/** Sign-in with a platform account; only the ADMIN role gets further (AccessGuard). */
@Route("login")
@PageTitle("Sign in — operations console")
public class LoginView extends VerticalLayout {

    @Inject
    public LoginView(Tokens tokens, OperatorSession session, AuditLog audit) {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        LoginForm form = new LoginForm();
        LoginI18n i18n = new LoginI18n();
        LoginI18n.Form labels = new LoginI18n.Form();
        labels.setTitle("Blog operations console");
        labels.setUsername("Username or email");
        labels.setPassword("Password");
        labels.setSubmit("Sign in");
        i18n.setForm(labels);
        LoginI18n.ErrorMessage error = new LoginI18n.ErrorMessage();
        error.setTitle("Not signed in");
        i18n.setErrorMessage(error);
        form.setI18n(i18n);
        form.setForgotPasswordButtonVisible(false);
        form.addLoginListener(event -> {
            try {
                Operator operator = tokens.signIn(event.getUsername(), event.getPassword());
                session.signedIn(operator);
                audit.record(operator.username(), "sign-in", operator.isAdmin() ? "admin" : "refused: not ADMIN");
                getUI().ifPresent(ui -> ui.navigate(operator.isAdmin() ? "" : "refused"));
            } catch (SignInRefused refused) {
                error.setMessage(refused.getMessage());
                form.setI18n(i18n);
                form.setError(true);
                audit.record(event.getUsername(), "sign-in failed", refused.getMessage());
            }
        });
        add(form);
    }
}
