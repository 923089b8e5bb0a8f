package io.blog.users.password;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Argon2id through Spring Security's maintained encoder (Bouncy Castle underneath). The defaults
 * are OWASP's minimum (19 MiB, 2 iterations, parallelism 1). Hashes are PHC strings that carry
 * their parameters, so raising them later upgrades each hash at its owner's next sign-in.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    @ConfigProperty(name = "blog.password.argon2.memory-kib", defaultValue = "19456")
    int memoryKib;

    @Inject
    @ConfigProperty(name = "blog.password.argon2.iterations", defaultValue = "2")
    int iterations;

    private Argon2PasswordEncoder encoder;
    private String decoyHash;

    @PostConstruct
    void init() {
        encoder = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        decoyHash = encoder.encode(HexFormat.of().formatHex(random));
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return encoder.matches(password, hash);
    }

    /** Spends the same time as a real check, so "no such account" and "wrong password" look alike. */
    public void matchDecoy(String password) {
        encoder.matches(password, decoyHash);
    }

    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }
}
