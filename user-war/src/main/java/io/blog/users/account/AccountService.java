package io.blog.users.account;

import io.blog.common.data.DatabaseFailures;
import io.blog.common.data.WritesToPrimary;
import io.blog.common.json.Timestamps;
import io.blog.common.metrics.MetricNames;
import io.blog.common.paging.Page;
import io.blog.common.paging.PageRequest;
import io.blog.common.problem.ProblemException;
import io.blog.common.ratelimit.RateLimit;
import io.blog.common.ratelimit.RateLimiter;
import io.blog.common.security.Roles;
import io.blog.users.account.AccountViews.AccountView;
import io.blog.users.account.AccountViews.PublicProfile;
import io.blog.users.password.PasswordHasher;
import io.blog.users.password.PasswordPolicy;
import io.blog.users.session.SessionRevocation;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Account rules: registration, profile changes, and what administrators may change. */
@ApplicationScoped
public class AccountService {

    public static final int MAX_BATCH_PROFILES = 100;

    @Inject
    AccountRepository accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy passwordPolicy;

    @Inject
    RateLimiter rateLimiter;


    @Inject
    SessionRevocation sessions;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "blog.registration.default-role", defaultValue = Roles.READER)
    String defaultRole;

    @Inject
    @ConfigProperty(name = "blog.registration.limit-per-ip", defaultValue = "20")
    int registrationsPerIp;

    @Inject
    @ConfigProperty(name = "blog.registration.limit-window-seconds", defaultValue = "3600")
    long registrationWindowSeconds;

    @Inject
    @ConfigProperty(name = "blog.password-change.limit-per-account", defaultValue = "5")
    int passwordChecksPerAccount;

    @Inject
    @ConfigProperty(name = "blog.password-change.limit-window-seconds", defaultValue = "900")
    long passwordCheckWindowSeconds;

    private RateLimit registrationLimit;
    private RateLimit passwordCheckLimit;

    @PostConstruct
    void init() {
        if (!Roles.isKnown(defaultRole)) {
            throw new IllegalStateException("blog.registration.default-role must be one of " + Roles.ALL);
        }
        registrationLimit = new RateLimit("registration-ip", registrationsPerIp, Duration.ofSeconds(registrationWindowSeconds));
        passwordCheckLimit = new RateLimit("password-change-account", passwordChecksPerAccount,
                Duration.ofSeconds(passwordCheckWindowSeconds));
    }

    @Transactional
    @WritesToPrimary
    public AccountView register(AccountRequests.Registration request, String clientAddress) {
        rateLimiter.acquire(registrationLimit, clientAddress);
        passwordPolicy.check("password", request.password(), request.username());
        String email = request.email().trim().toLowerCase(Locale.ROOT);
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().trim();
        Account account = create(request.username(), email, request.password(), displayName, Set.of(defaultRole));
        metrics.counter(MetricNames.USERS_REGISTERED).inc();
        return AccountView.of(account);
    }

    /** Creates an account after checking uniqueness; also used to create the first administrator. */
    @Transactional
    public Account create(String username, String email, String password, String displayName, Set<String> roles) {
        if (accounts.usernameTaken(username)) {
            throw ProblemException.conflict("The username '" + username + "' is taken.");
        }
        if (accounts.emailTaken(email)) {
            throw ProblemException.conflict("An account with this email already exists.");
        }
        Account account = new Account(username, email, hasher.hash(password), displayName, roles, Timestamps.now());
        try {
            accounts.add(account);
        } catch (PersistenceException e) {
            if (!DatabaseFailures.isConstraintViolation(e)) {
                throw e;
            }
            // Two registrations raced past the checks above; the unique constraints decided.
            throw ProblemException.conflict("The username or email is taken.");
        }
        return account;
    }

    public PublicProfile profile(String username) {
        return accounts.findByUsername(username).filter(Account::isActive).map(PublicProfile::of)
                .orElseThrow(() -> ProblemException.notFound("No user named '" + username + "'."));
    }

    public List<PublicProfile> profiles(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            throw ProblemException.invalidField("usernames", "is required: a comma-separated list of usernames");
        }
        Set<String> names = new LinkedHashSet<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                names.add(part.trim().toLowerCase(Locale.ROOT));
            }
        }
        if (names.size() > MAX_BATCH_PROFILES) {
            throw ProblemException.invalidField("usernames", "at most " + MAX_BATCH_PROFILES + " names per request");
        }
        return accounts.findByUsernames(names).stream().filter(Account::isActive).map(PublicProfile::of).toList();
    }

    public AccountView me(String accountId) {
        return accounts.findById(accountId).map(AccountView::of)
                .orElseThrow(() -> ProblemException.unauthorized("The account of this token no longer exists."));
    }

    @Transactional
    @WritesToPrimary
    public AccountView updateProfile(String accountId, AccountRequests.ProfileUpdate update) {
        Account account = requireForUpdate(accountId);
        Instant now = Timestamps.now();
        if (update.email() != null) {
            String email = update.email().trim().toLowerCase(Locale.ROOT);
            if (!email.equals(account.getEmail())) {
                if (accounts.emailTaken(email)) {
                    throw ProblemException.conflict("An account with this email already exists.");
                }
                account.changeEmail(email, now);
            }
        }
        account.changeProfile(
                update.displayName() == null ? account.getDisplayName() : update.displayName().trim(),
                update.bio() == null ? account.getBio() : blankToNull(update.bio()),
                update.avatarUrl() == null ? account.getAvatarUrl() : blankToNull(update.avatarUrl()),
                now);
        flushOrConflict();
        return AccountView.of(account);
    }

    /** Changes the password and ends every other session of the account. */
    @Transactional
    @WritesToPrimary
    public void changePassword(String accountId, String currentSessionId, AccountRequests.PasswordChange change) {
        Account account = requireForUpdate(accountId);
        // Every check of the current password is counted before it runs (atomically, so parallel
        // guesses cannot slip through): a stolen access token is no oracle for the password, nor
        // a way to keep the hasher busy. A right password clears the count.
        rateLimiter.acquire(passwordCheckLimit, accountId);
        if (!hasher.matches(change.currentPassword(), account.getPasswordHash())) {
            throw ProblemException.invalidField("currentPassword", "is not correct");
        }
        rateLimiter.reset(passwordCheckLimit, accountId);
        passwordPolicy.check("newPassword", change.newPassword(), account.getUsername());
        account.changePasswordHash(hasher.hash(change.newPassword()), Timestamps.now());
        sessions.revokeAllExcept(accountId, currentSessionId);
    }

    public Page<AccountView> search(String query, PageRequest page) {
        Page<Account> found = accounts.search(query, page);
        return new Page<>(found.items().stream().map(AccountView::of).toList(), found.page(), found.size(), found.total());
    }

    @Transactional
    @WritesToPrimary
    public AccountView setRoles(String username, List<String> roles, String actingAccountId) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String role : roles) {
            String normalized = role == null ? "" : role.trim().toUpperCase(Locale.ROOT);
            if (!Roles.isKnown(normalized)) {
                throw ProblemException.invalidField("roles", "unknown role '" + role + "'; known roles: " + Roles.ALL);
            }
            wanted.add(normalized);
        }
        Account account = accounts.findByUsernameForUpdate(username)
                .orElseThrow(() -> ProblemException.notFound("No user named '" + username + "'."));
        if (account.getId().equals(actingAccountId) && !wanted.contains(Roles.ADMIN)) {
            throw ProblemException.conflict("Administrators cannot remove their own ADMIN role.");
        }
        boolean changed = !wanted.equals(Set.copyOf(account.getRoles()));
        account.changeRoles(wanted, Timestamps.now());
        flushOrConflict();
        if (changed) {
            // Tokens carry their roles: every one issued with the old roles goes, and the user signs in again.
            sessions.revokeAll(account.getId());
        }
        return AccountView.of(account);
    }

    @Transactional
    @WritesToPrimary
    public AccountView setStatus(String username, AccountStatus status, String actingAccountId) {
        Account account = accounts.findByUsernameForUpdate(username)
                .orElseThrow(() -> ProblemException.notFound("No user named '" + username + "'."));
        if (account.getId().equals(actingAccountId) && status == AccountStatus.DISABLED) {
            throw ProblemException.conflict("Administrators cannot disable themselves.");
        }
        account.changeStatus(status, Timestamps.now());
        flushOrConflict();
        if (status == AccountStatus.DISABLED) {
            sessions.revokeAll(account.getId());
        }
        return AccountView.of(account);
    }

    private Account requireForUpdate(String accountId) {
        return accounts.findByIdForUpdate(accountId)
                .orElseThrow(() -> ProblemException.unauthorized("The account of this token no longer exists."));
    }

    private void flushOrConflict() {
        try {
            accounts.flush();
        } catch (PersistenceException e) {
            if (!DatabaseFailures.isConstraintViolation(e)) {
                throw e;
            }
            throw ProblemException.conflict("The change conflicts with another change; reload and try again.");
        }
    }

    private static String blankToNull(String value) {
        return value.isBlank() ? null : value.trim();
    }
}
