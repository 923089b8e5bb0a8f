package io.blog.users.it;

import io.blog.common.testing.TestHttp.Reply;

import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issued token verifies with an independent library against the published JWKS, and the
 * server (MP JWT plus our revocation filter) refuses every forged or stale variant.
 */
class TokenIT {

    private static Api.Session session;
    private static List<JsonWebKey> keys;

    @BeforeAll
    static void signIn() throws Exception {
        session = Api.newSession("token");
        keys = new HttpsJwks(Api.BASE + "/jwks").getJsonWebKeys();
    }

    @Test
    void accessTokenVerifiesAgainstTheJwksWithAnIndependentLibrary() throws Exception {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(new HttpsJwks(Api.BASE + "/jwks")))
                .setExpectedIssuer("blog-users")
                .setExpectedAudience("blog")
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireJwtId()
                .setRequireSubject()
                .build();

        JwtClaims claims = consumer.processToClaims(session.accessToken());

        assertThat(claims.getSubject()).isEqualTo(session.id());
        assertThat(claims.getStringClaimValue("upn")).isEqualTo(session.username());
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("AUTHOR");
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertThat(lifetime).isBetween(1L, 900L);
        Map<String, Object> header = Tokens.header(session.accessToken());
        assertThat(header).containsEntry("alg", "RS256");
        assertThat(keys).extracting(JsonWebKey::getKeyId).contains((String) header.get("kid"));
    }

    @Test
    void jwksPublishesTheCurrentAndThePreviousKeyForRotation() {
        assertThat(keys).hasSize(2);
        assertThat(keys).allSatisfy(k -> assertThat(k.getKeyType()).isEqualTo("RSA"));
        assertThat(Api.get("/jwks", null).body()).doesNotContain("\"d\"").doesNotContain("\"p\"");
    }

    @Test
    void aTokenSignedWithThePreviousKeyIsStillAccepted() {
        String previousKid = keys.stream().map(JsonWebKey::getKeyId)
                .filter(k -> !k.equals(Tokens.header(session.accessToken()).get("kid"))).findFirst().orElseThrow();
        String token = Tokens.signRs256(Tokens.validClaimsFor(session), "it-previous-key.pem", previousKid);
        assertThat(Api.get("/me", token).status()).isEqualTo(200);
    }

    @Test
    void rejectsAnExpiredToken() {
        JwtClaims claims = Tokens.validClaimsFor(session);
        claims.setIssuedAt(NumericDate.fromSeconds(NumericDate.now().getValue() - 3600));
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() - 1800));
        assertRejected(Tokens.signRs256(claims, "it-current-key.pem", currentKid()));
    }

    @Test
    void rejectsATamperedPayload() {
        String[] parts = session.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"AUTHOR\"", "\"ADMIN\"");
        assertRejected(parts[0] + "." + Tokens.b64(payload) + "." + parts[2]);
    }

    @Test
    void rejectsAlgNone() {
        assertRejected(Tokens.unsigned(Tokens.validClaimsFor(session)));
    }

    @Test
    void rejectsHs256SignedWithThePublicKey() {
        String publicJwk = keys.getFirst().toJson();
        assertRejected(Tokens.signHs256WithPublicKey(Tokens.validClaimsFor(session),
                publicJwk.getBytes(StandardCharsets.UTF_8), currentKid()));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder()
                .encodeToString(keys.stream().filter(k -> k.getKeyId().equals(currentKid())).findFirst().orElseThrow()
                        .getKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        assertRejected(Tokens.signHs256WithPublicKey(Tokens.validClaimsFor(session),
                pem.getBytes(StandardCharsets.UTF_8), currentKid()));
    }

    @Test
    void rejectsAWrongIssuerOrAudience() {
        JwtClaims wrongIssuer = Tokens.validClaimsFor(session);
        wrongIssuer.setIssuer("someone-else");
        JwtClaims wrongAudience = Tokens.validClaimsFor(session);
        wrongAudience.setAudience("another-app");
        assertRejected(Tokens.signRs256(wrongIssuer, "it-current-key.pem", currentKid()));
        assertRejected(Tokens.signRs256(wrongAudience, "it-current-key.pem", currentKid()));
    }

    @Test
    void aCorrectlyMintedTokenIsAcceptedSoTheRejectionsAboveAreMeaningful() {
        assertThat(Api.get("/me", Tokens.signRs256(Tokens.validClaimsFor(session), "it-current-key.pem", currentKid()))
                .status()).isEqualTo(200);
    }

    @Test
    void rejectsALoggedOutToken() {
        Api.Session other = Api.newSession("tokenout");
        assertThat(Api.post("/logout", Map.of(), other.accessToken()).status()).isEqualTo(204);
        assertRejected(other.accessToken());
    }

    private static String currentKid() {
        return (String) Tokens.header(session.accessToken()).get("kid");
    }

    private static void assertRejected(String token) {
        Reply reply = Api.get("/me", token);
        assertThat(reply.status()).as("status for a bad token").isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
