package io.blog.system.api;

import io.blog.system.Accounts;
import io.blog.system.Client;
import io.blog.system.Topology;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds of caller every endpoint must tell apart, each with an account of its own made through
 * the public API (except the anonymous one). Tokens that must not work are real ones gone bad: the
 * disabled user's was valid until an administrator disabled the account, the logged-out user's until
 * logout, and the expired one is a real token re-signed with the topology's own key and dated in
 * the past (well beyond the verifier's clock skew), so only its age is wrong.
 */
public final class Callers {

    public enum Kind {
        ANONYMOUS("anonymous"), READER("reader"), AUTHOR("author"), OTHER_AUTHOR("other-author"), EDITOR("editor"),
        ADMIN("admin"), DISABLED("disabled"), EXPIRED("expired"), LOGGED_OUT("logged-out");

        public final String column;

        Kind(String column) {
            this.column = column;
        }

        /** Callers that can sign in again (their accounts are in good standing). */
        public boolean signsIn() {
            return this == READER || this == AUTHOR || this == OTHER_AUTHOR || this == EDITOR || this == ADMIN;
        }
    }

    /** A caller: its account (none for the anonymous one) and the token it presents. */
    public static final class Caller {
        public final Kind kind;
        public final String username;
        private volatile String token;

        Caller(Kind kind, String username, String token) {
            this.kind = kind;
            this.username = username;
            this.token = token;
        }

        public String token() {
            return token;
        }

        /** A new sign-in, for when a request ended this caller's session (logout, password change). */
        public void signInAgain() {
            if (kind.signsIn()) {
                token = signIn(username).accessToken();
            }
        }
    }

    public record Session(String accessToken, String refreshToken) {
    }

    private final Map<Kind, Caller> callers = new EnumMap<>(Kind.class);

    private Callers() {
    }

    public static Callers create() {
        Callers all = new Callers();
        all.put(Kind.ANONYMOUS, null, null);
        all.add(Kind.READER, Accounts.withRoles("mxreader", List.of("READER")));
        all.add(Kind.AUTHOR, Accounts.register("mxauthor"));
        all.add(Kind.OTHER_AUTHOR, Accounts.register("mxother"));
        all.add(Kind.EDITOR, Accounts.withRoles("mxeditor", List.of("EDITOR")));
        all.add(Kind.ADMIN, Accounts.withRoles("mxadmin", List.of("ADMIN")));

        Accounts.Account disabled = Accounts.register("mxdisabled");
        Client.Reply disabling = Client.newVisitor().send("PUT", "/api/users/" + disabled.username() + "/status",
                all.get(Kind.ADMIN).token(), "{\"status\":\"DISABLED\"}");
        assertThat(disabling.status()).as("disable: %s", disabling).isEqualTo(200);
        all.add(Kind.DISABLED, disabled);

        Accounts.Account loggedOut = Accounts.register("mxloggedout");
        Client.Reply logout = Client.newVisitor().send("POST", "/api/users/logout", loggedOut.token(), "{}");
        assertThat(logout.status()).as("logout: %s", logout).isEqualTo(204);
        all.add(Kind.LOGGED_OUT, loggedOut);

        Accounts.Account expired = Accounts.register("mxexpired");
        all.put(Kind.EXPIRED, expired.username(), expiredCopyOf(expired.token()));
        return all;
    }

    public Caller get(Kind kind) {
        return callers.get(kind);
    }

    private void add(Kind kind, Accounts.Account account) {
        put(kind, account.username(), account.token());
    }

    private void put(Kind kind, String username, String token) {
        callers.put(kind, new Caller(kind, username, token));
    }

    /** Signs in through the gateway, from a visitor address of its own. */
    public static Session signIn(String username) {
        Client.Reply login = Client.newVisitor().send("POST", "/api/users/login", null,
                "{\"login\":\"" + username + "\",\"password\":\"" + Accounts.PASSWORD + "\"}");
        assertThat(login.status()).as("login %s: %s", username, login).isEqualTo(200);
        Map<String, Object> json = login.json();
        return new Session((String) json.get("accessToken"), (String) json.get("refreshToken"));
    }

    /** The same token with its life moved ten minutes into the past, signed with the issuer's key. */
    static String expiredCopyOf(String token) {
        try {
            String[] parts = token.split("\\.");
            Map<String, Object> header = JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
            JwtClaims claims = JwtClaims.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
            long issued = NumericDate.now().getValue() - 600 - lifetime;
            claims.setIssuedAt(NumericDate.fromSeconds(issued));
            claims.setExpirationTime(NumericDate.fromSeconds(issued + lifetime));
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(signingKey());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            jws.setKeyIdHeaderValue((String) header.get("kid"));
            jws.setHeader("typ", "JWT");
            return jws.getCompactSerialization();
        } catch (JoseException | MalformedClaimException | InvalidJwtException e) {
            throw new IllegalStateException("could not re-date a token", e);
        }
    }

    private static PrivateKey signingKey() {
        try {
            String pem = Files.readString(Topology.dir().resolve("secrets/jwt-signing-key.pem"));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
