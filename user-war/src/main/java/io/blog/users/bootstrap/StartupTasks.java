package io.blog.users.bootstrap;

import io.blog.common.migration.SchemaMigrations;
import io.blog.common.problem.Problem;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Roles;
import io.blog.users.account.AccountRepository;
import io.blog.users.account.AccountService;
import io.blog.users.password.PasswordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Migrates the schema before the application takes requests, then creates the first ADMIN from
 * BLOG_ADMIN_USERNAME / BLOG_ADMIN_EMAIL / BLOG_ADMIN_PASSWORD if that account does not exist yet.
 */
@ApplicationScoped
public class StartupTasks {

    private static final Logger LOG = Logger.getLogger(StartupTasks.class.getName());

    @Inject
    SchemaMigrations migrations;

    @Inject
    AccountService accountService;

    @Inject
    AccountRepository accounts;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    @ConfigProperty(name = "blog.admin.username")
    Optional<String> adminUsername;

    @Inject
    @ConfigProperty(name = "blog.admin.email")
    Optional<String> adminEmail;

    @Inject
    @ConfigProperty(name = "blog.admin.password")
    Optional<String> adminPassword;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        migrations.migrate(StartupTasks.class.getClassLoader());
        createFirstAdmin();
    }

    private void createFirstAdmin() {
        if (adminUsername.isEmpty() || adminEmail.isEmpty() || adminPassword.isEmpty()) {
            LOG.info("No BLOG_ADMIN_USERNAME/EMAIL/PASSWORD configured; no administrator created at start.");
            return;
        }
        createAdministrator(adminUsername.get().trim().toLowerCase(Locale.ROOT), adminEmail.get().trim().toLowerCase(Locale.ROOT),
                adminPassword.get());
    }

    /**
     * Creates the administrator unless the account exists. The most powerful account gets no weaker
     * password than anyone else: a refused password stops the application's start and says why,
     * where a silently skipped administrator would be found much later.
     */
    public void createAdministrator(String username, String email, String password) {
        if (accounts.findByUsernameForUpdate(username).isPresent()) {
            return;
        }
        try {
            passwordPolicy.check("BLOG_ADMIN_PASSWORD", password, username);
        } catch (ProblemException e) {
            String why = e.errors().stream().map(Problem.FieldError::message).findFirst().orElse(e.getMessage());
            throw new IllegalStateException("BLOG_ADMIN_PASSWORD " + why + "; the first administrator '" + username
                    + "' was not created");
        }
        try {
            accountService.create(username, email, password, username, Set.of(Roles.ADMIN, Roles.EDITOR, Roles.AUTHOR));
            LOG.info("Created the first administrator '" + username + "'.");
        } catch (ProblemException e) {
            // Another instance created it at the same moment.
            LOG.info("Administrator '" + username + "' not created: " + e.getMessage());
        }
    }
}
