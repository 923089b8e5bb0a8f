package io.blog.console.auth;

import com.vaadin.flow.server.VaadinSession;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The operator of the current Vaadin session; tokens refreshed a minute before they expire. */
@ApplicationScoped
public class OperatorSession {

    private static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);

    @Inject
    Tokens tokens;

    public Optional<Operator> current() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            return Optional.empty();
        }
        Operator operator = session.getAttribute(Operator.class);
        if (operator != null && Instant.now().plus(REFRESH_AHEAD).isAfter(operator.accessExpiresAt())) {
            try {
                operator = tokens.refresh(operator);
                session.setAttribute(Operator.class, operator);
            } catch (SignInRefused refused) {
                session.setAttribute(Operator.class, null);
                return Optional.empty();
            }
        }
        return Optional.ofNullable(operator);
    }

    public void signedIn(Operator operator) {
        VaadinSession.getCurrent().setAttribute(Operator.class, operator);
    }

    public void signOut() {
        current().ifPresent(tokens::signOut);
        VaadinSession session = VaadinSession.getCurrent();
        session.setAttribute(Operator.class, null);
        session.getSession().invalidate();
    }
}
