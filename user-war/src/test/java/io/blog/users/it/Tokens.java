package io.blog.users.it;

import org.jose4j.json.JsonUtil;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds tokens the way an attacker or a stale client would, with jose4j (independent of the issuer's library). */
final class Tokens {

    static final Path KEY_DIR = Path.of(System.getProperty("it.jwt.dir", "src/test/resources/jwt"));

    private Tokens() {
    }

    static Map<String, Object> claims(String jwt) {
        try {
            String payload = jwt.split("\\.")[1];
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, Object> header(String jwt) {
        try {
            return JsonUtil.parseJson(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8));
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    static JwtClaims validClaimsFor(Api.Session session) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("blog-users");
        claims.setAudience("blog");
        claims.setSubject(session.id());
        claims.setClaim("upn", session.username());
        claims.setStringListClaim("groups", List.of("AUTHOR"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    static String signRs256(JwtClaims claims, String keyFile, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey(keyFile));
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return serialize(jws);
    }

    static String signHs256WithPublicKey(JwtClaims claims, byte[] secret, String kid) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(new HmacKey(secret));
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setDoKeyValidation(false);
        return serialize(jws);
    }

    static String unsigned(JwtClaims claims) {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + b64(claims.toJson()) + ".";
    }

    static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String serialize(JsonWebSignature jws) {
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new AssertionError(e);
        }
    }

    static PrivateKey privateKey(String file) {
        try {
            String pem = Files.readString(KEY_DIR.resolve(file));
            String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
