package io.blog.users.incontainer;

import io.blog.common.testing.InContainerWars;

import io.blog.common.data.Primary;
import io.blog.common.data.ReadRouting;
import io.blog.common.data.Replica;
import io.blog.common.data.ServiceDataSources;
import io.blog.common.kv.KeyValueStore;
import io.blog.common.migration.SchemaMigrations;
import io.blog.common.problem.ProblemException;
import io.blog.common.security.Roles;
import io.blog.common.security.TokenRevocations;
import io.blog.users.account.Account;
import io.blog.users.account.AccountRepository;
import io.blog.users.account.AccountService;
import io.blog.users.bootstrap.StartupTasks;
import io.blog.users.password.PasswordHasher;
import io.blog.users.session.SessionRequests;
import io.blog.users.session.SessionService;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * In-server tests of user-war's beans, deployed by Arquillian into the real test server, so CDI,
 * JTA, JPA on MariaDB, MP Config and Redis are the production ones.
 */
@ExtendWith(ArquillianExtension.class)
class ServicesInContainerIT {

    /** Liberty's name for the config source of server.xml variables' default values. */
    private static final String JWT_VARIABLES_SOURCE = "server.xml.default.variables.config.source";

    @Deployment
    static WebArchive deployment() {
        return InContainerWars.packagedWith("target/user-war.war", "users-incontainer.war", ServicesInContainerIT.class);
    }

    // Looked up from CDI inside each test: the code runs in the server, where these are the real beans.
    private static <T> T bean(Class<T> type, Annotation... qualifiers) {
        return CDI.current().select(type, qualifiers).get();
    }

    @Test
    void migrationsRanOnTheRealDatabase() throws Exception {
        assertThat(bean(SchemaMigrations.class).completed()).isTrue();
        try (Connection c = bean(ServiceDataSources.class).primary().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM flyway_schema_history WHERE success = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("1");
            assertThat(c.getMetaData().getDatabaseProductVersion()).containsIgnoringCase("MariaDB");
        }
    }

    @Test
    void anonymousReadsUseTheReplicaAndTransactionsThePrimary() throws Exception {
        ReadRouting routing = bean(ReadRouting.class);
        EntityManager primary = bean(EntityManager.class, new AnnotationLiteral<Primary>() { });
        EntityManager replica = bean(EntityManager.class, new AnnotationLiteral<Replica>() { });
        UserTransaction transaction = bean(UserTransaction.class);

        assertThat(routing.forRead()).isSameAs(replica);
        transaction.begin();
        try {
            assertThat(routing.forRead()).isSameAs(primary);
        } finally {
            transaction.rollback();
        }
        assertThat(routing.forWrite()).isSameAs(primary);
    }

    @Test
    void createRefusesDuplicatesAndHashesWithArgon2id() {
        String name = "ic_" + UUID.randomUUID().toString().substring(0, 8);
        Account created = bean(AccountService.class).create(name, name + "@example.test", "In-Container-Pass-1", name, Set.of(Roles.READER));

        assertThat(created.getPasswordHash()).startsWith("$argon2id$");
        assertThat(bean(PasswordHasher.class).matches("In-Container-Pass-1", created.getPasswordHash())).isTrue();
        assertThat(bean(AccountRepository.class).findByUsernameForUpdate(name)).isPresent();
        assertThatThrownBy(() -> bean(AccountService.class).create(name, "x" + name + "@example.test", "In-Container-Pass-1", name, Set.of()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void refreshTokenReuseRevokesTheFamily() {
        String name = "icr_" + UUID.randomUUID().toString().substring(0, 8);
        bean(AccountService.class).create(name, name + "@example.test", "In-Container-Pass-1", name, Set.of(Roles.AUTHOR));
        SessionRequests.TokenPair first = bean(SessionService.class).login(new SessionRequests.Login(name, "In-Container-Pass-1"), "10.250.0.1");
        SessionRequests.TokenPair second = bean(SessionService.class).refresh(first.refreshToken());

        assertThatThrownBy(() -> bean(SessionService.class).refresh(first.refreshToken()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> bean(SessionService.class).refresh(second.refreshToken()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void revocationsAreKeptInRedisUntilTheTokenExpires() {
        String jti = UUID.randomUUID().toString();
        bean(TokenRevocations.class).revokeToken(jti, Instant.now().plusSeconds(60));

        long now = Instant.now().getEpochSecond();
        assertThat(bean(TokenRevocations.class).isRevoked(jti, null, null, now)).isTrue();
        assertThat(bean(TokenRevocations.class).isRevoked(UUID.randomUUID().toString(), null, null, now)).isFalse();
        assertThat(bean(KeyValueStore.class).describe()).startsWith("redis ");
    }

    @Test
    void theTokenFactsComeOnlyFromTheServersJwtVariables() {
        Config config = ConfigProvider.getConfig();
        for (String name : List.of("blog.jwt.issuer", "blog.jwt.audience", "blog.jwt.access-token-seconds", "blog.jwt.clock-skew-seconds")) {
            assertThat(config.getConfigValue(name).getSourceName()).as(name).isEqualTo(JWT_VARIABLES_SOURCE);
        }
        assertThat(config.getValue("blog.jwt.clock-skew-seconds", Long.class)).isEqualTo(30L);
    }

    @Test
    void theFirstAdministratorsPasswordMustPassThePolicy() throws Exception {
        String username = "firstadmin" + UUID.randomUUID().toString().substring(0, 8);
        UserTransaction transaction = bean(UserTransaction.class);
        transaction.begin();
        try {
            assertThatThrownBy(() -> bean(StartupTasks.class).createAdministrator(username, username + "@example.test", username + "-passphrase"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("BLOG_ADMIN_PASSWORD must not contain the username; the first administrator '" + username + "' was not created");
            assertThatThrownBy(() -> bean(StartupTasks.class).createAdministrator(username, username + "@example.test", "short"))
                    .hasMessageContaining("at least 10 characters");
        } finally {
            transaction.rollback();
        }
        assertThat(bean(AccountRepository.class).findByUsername(username)).isEmpty();
    }
}
