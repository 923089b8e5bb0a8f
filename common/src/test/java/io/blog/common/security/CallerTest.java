package io.blog.common.security;

import io.blog.common.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    @Test
    void anAnonymousRequestIsNobodyAndIsRefusedWhereASignInIsNeeded() {
        assertThat(Caller.of(null)).isEqualTo(Caller.ANONYMOUS);
        assertThat(Caller.ANONYMOUS.signedIn()).isFalse();
        assertThat(Caller.ANONYMOUS.is(null)).isFalse();
        assertThatThrownBy(() -> Caller.signedIn(null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void editorsAndAdministratorsModerateEverythingAuthorsAndReadersNothing() {
        assertThat(new Caller("ed", Set.of(Roles.EDITOR)).moderatesAll()).isTrue();
        assertThat(new Caller("root", Set.of(Roles.ADMIN)).moderatesAll()).isTrue();
        assertThat(new Caller("ann", Set.of(Roles.AUTHOR)).moderatesAll()).isFalse();
        assertThat(new Caller("rita", Set.of(Roles.READER)).moderatesAll()).isFalse();
    }

    @Test
    void aCallerIsTheirOwnUsernameOnly() {
        Caller ann = new Caller("ann", Set.of(Roles.AUTHOR));
        assertThat(ann.is("ann")).isTrue();
        assertThat(ann.is("Ann")).isFalse();
        assertThat(ann.hasRole(Roles.AUTHOR)).isTrue();
        assertThat(ann.hasRole(Roles.EDITOR)).isFalse();
    }
}
