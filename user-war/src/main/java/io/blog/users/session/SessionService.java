package io.blog.users.session;

import io.blog.common.data.WritesToPrimary;
import io.blog.common.json.Timestamps;
import io.blog.common.kv.KeyValueStore;
import io.blog.common.kv.KeyValueStoreException;
import io.blog.common.kv.SecurityState;
import io.blog.common.metrics.MetricNames;
import io.blog.common.problem.ProblemException;
import io.blog.common.ratelimit.RateLimit;
import io.blog.common.ratelimit.RateLimiter;
import io.blog.common.security.TokenRevocations;
import io.blog.users.account.Account;
import io.blog.users.account.AccountRepository;
import io.blog.users.account.AccountViews.AccountView;
import io.blog.users.password.PasswordHasher;
import io.blog.users.session.SessionRequests.TokenPair;
import io.blog.users.token.TokenIssuer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Sign-in, token refresh and sign-out. */
@ApplicationScoped
public class SessionService {

    private static final String INVALID_CREDENTIALS = "The login or password is not correct.";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AccountRepository accounts;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    PasswordHasher hasher;

    @Inject
    TokenIssuer issuer;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    TokenRevocations revocations;

    @Inject
    MetricRegistry metrics;

    @Inject
    @ConfigProperty(name = "blog.jwt.refresh-token-days", defaultValue = "30")
    long refreshTokenDays;

    @Inject
    @ConfigProperty(name = "blog.login.limit-per-account", defaultValue = "5")
    int failuresPerAccount;

    @Inject
    @ConfigProperty(name = "blog.login.limit-per-ip", defaultValue = "20")
    int failuresPerIp;

    @Inject
    @ConfigProperty(name = "blog.login.limit-window-seconds", defaultValue = "60")
    long limitWindowSeconds;

    @Inject
    @ConfigProperty(name = "blog.login.limit-per-account-known-address", defaultValue = "10")
    int attemptsPerAccountFromKnownAddress;

    @Inject
    @ConfigProperty(name = "blog.login.known-address-days", defaultValue = "30")
    long knownAddressDays;

    @Inject
    @SecurityState
    KeyValueStore store;

    private RateLimit accountAttempts;
    private RateLimit knownAddressAttempts;
    private RateLimit addressAttempts;

    @PostConstruct
    void init() {
        Duration window = Duration.ofSeconds(limitWindowSeconds);
        accountAttempts = new RateLimit("login-account", failuresPerAccount, window);
        knownAddressAttempts = new RateLimit("login-account-known-address", attemptsPerAccountFromKnownAddress, window);
        addressAttempts = new RateLimit("login-ip", failuresPerIp, window);
    }

    /**
     * Both the unknown-account and the wrong-password path run one Argon2 verification and answer
     * with the same body, so neither timing nor text tells whether an account exists.
     * <p>
     * Attempts are counted before the password is checked (atomically: parallel guesses cannot all
     * pass a check that reads before it counts), per client address and per account as the
     * database resolves the login, so a username, its e-mail address and their case or accent
     * variants share one budget. A stranger who uses up an account's budget does not lock its
     * owner out: addresses the account signed in from before have a budget of their own.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    @WritesToPrimary
    public TokenPair login(SessionRequests.Login request, String clientAddress) {
        String login = request.login().trim().toLowerCase(Locale.ROOT);
        Optional<Account> found = accounts.findByLoginForUpdate(login);
        String accountKey = found.map(a -> "id:" + a.getId()).orElse("login:" + login);
        boolean knownAddress = found.isPresent() && isKnownAddress(found.get().getId(), clientAddress);
        try {
            rateLimiter.acquire(addressAttempts, clientAddress);
            if (knownAddress) {
                rateLimiter.acquire(knownAddressAttempts, accountKey + "@" + clientAddress);
            } else {
                rateLimiter.acquire(accountAttempts, accountKey);
            }
        } catch (ProblemException limited) {
            countLogin("limited");
            throw limited;
        }
        boolean passwordOk;
        if (found.isPresent()) {
            passwordOk = hasher.matches(request.password(), found.get().getPasswordHash());
        } else {
            hasher.matchDecoy(request.password());
            passwordOk = false;
        }
        if (!passwordOk || !found.get().isActive()) {
            countLogin("failure");
            throw ProblemException.unauthorized(INVALID_CREDENTIALS);
        }
        Account account = found.get();
        // The address's budget is for failures: a success is given back (a shared address signs many in).
        rateLimiter.refund(addressAttempts, clientAddress);
        rateLimiter.reset(accountAttempts, accountKey);
        rateLimiter.reset(knownAddressAttempts, accountKey + "@" + clientAddress);
        rememberAddress(account.getId(), clientAddress);
        if (hasher.needsRehash(account.getPasswordHash())) {
            account.changePasswordHash(hasher.hash(request.password()), Timestamps.now());
        }
        countLogin("success");
        return issuePair(account, UUID.randomUUID().toString());
    }

    /** Addresses are kept hashed: the point is recognising one, not listing them. */
    private static String knownAddressKey(String accountId, String clientAddress) {
        return "blog:login:known-address:" + accountId + ":" + hash(clientAddress);
    }

    private boolean isKnownAddress(String accountId, String clientAddress) {
        try {
            return store.exists(knownAddressKey(accountId, clientAddress));
        } catch (KeyValueStoreException e) {
            return false;
        }
    }

    private void rememberAddress(String accountId, String clientAddress) {
        try {
            store.set(knownAddressKey(accountId, clientAddress), "1", Duration.ofDays(knownAddressDays));
        } catch (KeyValueStoreException e) {
            // Only a convenience for the next lock-out; the sign-in itself succeeded.
        }
    }

    /** Rotates a refresh token. A token presented twice means it leaked: its whole family is revoked. */
    @Transactional(dontRollbackOn = ProblemException.class)
    @WritesToPrimary
    public TokenPair refresh(String presentedToken) {
        Instant now = Timestamps.now();
        RefreshToken token = refreshTokens.findForUpdate(hash(presentedToken))
                .orElseThrow(() -> ProblemException.unauthorized("The refresh token is not valid."));
        if (token.isUsed() && !token.isRevoked()) {
            refreshTokens.revokeFamily(token.getFamilyId(), now);
            // Whoever holds the stolen copy may also hold the session's access tokens.
            revocations.revokeSession(token.getFamilyId());
            throw ProblemException.unauthorized("The refresh token was already used; the session has been ended.");
        }
        if (token.isRevoked() || token.isExpired(now)) {
            throw ProblemException.unauthorized("The refresh token is not valid.");
        }
        token.markUsed(now);
        Account account = accounts.findByIdForUpdate(token.getAccountId())
                .filter(Account::isActive)
                .orElseThrow(() -> ProblemException.unauthorized("The refresh token is not valid."));
        metrics.counter(MetricNames.TOKENS_REFRESHED).inc();
        return issuePair(account, token.getFamilyId());
    }

    /**
     * Ends the caller's session: every access token issued in it (not just the one presented), its
     * refresh tokens, and the session of a refresh token presented with it if that is the caller's too.
     */
    @Transactional
    @WritesToPrimary
    public void logout(String accountId, String sessionId, String accessTokenId, Instant accessTokenExpiry,
                       String presentedRefreshToken) {
        if (presentedRefreshToken != null && !presentedRefreshToken.isBlank()) {
            refreshTokens.findForUpdate(hash(presentedRefreshToken))
                    .filter(t -> t.getAccountId().equals(accountId))
                    .ifPresent(t -> {
                        refreshTokens.revokeFamily(t.getFamilyId(), Timestamps.now());
                        revocations.revokeSession(t.getFamilyId());
                    });
        }
        if (sessionId != null) {
            refreshTokens.revokeFamily(sessionId, Timestamps.now());
            revocations.revokeSession(sessionId);
        }
        revocations.revokeToken(accessTokenId, accessTokenExpiry);
    }

    private TokenPair issuePair(Account account, String sessionId) {
        Instant now = Timestamps.now();
        String refresh = newOpaqueToken();
        refreshTokens.add(new RefreshToken(hash(refresh), sessionId, account.getId(), now,
                now.plus(Duration.ofDays(refreshTokenDays))));
        TokenIssuer.Issued access = issuer.issue(account, sessionId);
        return new TokenPair(access.token(), refresh, "Bearer", access.expiresInSeconds(), AccountView.of(account));
    }

    private void countLogin(String result) {
        metrics.counter(MetricNames.LOGINS, new Tag("result", result)).inc();
    }

    private static String newOpaqueToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
