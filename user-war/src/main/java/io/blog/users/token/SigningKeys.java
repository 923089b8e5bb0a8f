package io.blog.users.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The key that signs access tokens, plus an optional previous public key kept in the JWKS during
 * a rotation so tokens signed before the switch stay valid until they expire. Keys come from PEM
 * (PKCS#8 private, X.509 public) in configuration; without one an ephemeral key is generated,
 * which only works for a single instance.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    @ConfigProperty(name = "blog.jwt.signing-key")
    Optional<String> signingKeyPem;

    @Inject
    @ConfigProperty(name = "blog.jwt.signing-key-file")
    Optional<String> signingKeyFile;

    @Inject
    @ConfigProperty(name = "blog.jwt.previous-public-key")
    Optional<String> previousPublicKeyPem;

    @Inject
    @ConfigProperty(name = "blog.jwt.previous-public-key-file")
    Optional<String> previousPublicKeyFile;

    private RSAKey current;
    private Map<String, Object> jwks;

    @PostConstruct
    void load() {
        try {
            Optional<String> pem = signingKeyPem.filter(s -> !s.isBlank())
                    .or(() -> signingKeyFile.filter(s -> !s.isBlank()).map(SigningKeys::read));
            if (pem.isPresent()) {
                current = fromPrivatePem(pem.get());
            } else {
                LOG.warning("No blog.jwt.signing-key configured: generated an ephemeral RSA key. Tokens will not "
                        + "survive a restart and other instances cannot verify them; set BLOG_JWT_SIGNING_KEY in production.");
                current = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                        .keyIDFromThumbprint(true).generate();
            }
            List<com.nimbusds.jose.jwk.JWK> published = new ArrayList<>();
            published.add(current.toPublicJWK());
            Optional<RSAKey> previous = previousPublicKeyPem.filter(s -> !s.isBlank())
                    .or(() -> previousPublicKeyFile.filter(s -> !s.isBlank()).map(SigningKeys::read))
                    .map(SigningKeys::fromPublicPem);
            previous.filter(p -> !p.getKeyID().equals(current.getKeyID())).ifPresent(published::add);
            jwks = new JWKSet(published).toJSONObject(true);
            LOG.info("JWT signing key id " + current.getKeyID() + (previous.isPresent() ? ", previous key published for rotation" : ""));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not set up the JWT signing key", e);
        }
    }

    public RSAKey current() {
        return current;
    }

    public Map<String, Object> jwks() {
        return jwks;
    }

    static RSAKey fromPrivatePem(String pem) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return withThumbprintId(new RSAKey.Builder(publicKey).privateKey(privateKey));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("blog.jwt.signing-key must be an RSA private key in PKCS#8 PEM", e);
        }
    }

    static RSAKey fromPublicPem(String pem) {
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
            return withThumbprintId(new RSAKey.Builder(publicKey));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("blog.jwt.previous-public-key must be an RSA public key in PEM", e);
        }
    }

    private static RSAKey withThumbprintId(RSAKey.Builder builder) {
        try {
            return builder.keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem, String label) {
        String body = pem.replace("-----BEGIN " + label + "-----", "")
                .replace("-----END " + label + "-----", "")
                .replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file, e);
        }
    }
}
