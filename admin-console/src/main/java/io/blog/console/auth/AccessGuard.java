package io.blog.console.auth;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import jakarta.enterprise.inject.spi.CDI;

/**
 * Every navigation passes here: without a session the operator goes to the sign-in page, without
 * the ADMIN role to the refusal page. Registered through META-INF/services.
 */
public class AccessGuard implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(AccessGuard::check));
    }

    private static void check(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        if (target == LoginView.class) {
            return;
        }
        OperatorSession session = CDI.current().select(OperatorSession.class).get();
        var operator = session.current();
        if (operator.isEmpty()) {
            event.rerouteTo(LoginView.class);
        } else if (!operator.get().isAdmin() && target != RefusedView.class) {
            event.rerouteTo(RefusedView.class);
        }
    }
}
