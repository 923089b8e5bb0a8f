package io.blog.users.token;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SigningKeysTest {

    @Test
    void readsAPkcs8PrivateKeyAndItsMatchingPublicKey() throws Exception {
        RSAKey privateKey = SigningKeys.fromPrivatePem(Files.readString(Path.of("src/test/resources/jwt/it-previous-key.pem")));
        RSAKey publicKey = SigningKeys.fromPublicPem(Files.readString(Path.of("src/test/resources/jwt/it-previous-public.pem")));

        assertThat(privateKey.isPrivate()).isTrue();
        assertThat(publicKey.isPrivate()).isFalse();
        assertThat(privateKey.getKeyID()).isEqualTo(publicKey.getKeyID());
        assertThat(privateKey.toPublicJWK()).isEqualTo(publicKey);
    }

    @Test
    void refusesSomethingThatIsNotAKey() {
        assertThatThrownBy(() -> SigningKeys.fromPrivatePem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"))
                .isInstanceOf(IllegalStateException.class);
    }
}
