package io.blog.frontend;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRoutesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/posts/hello-world", "/posts/你好世界", "/tags/java", "/authors/alice", "/search",
            "/write", "/write/my-draft/revisions", "/me/articles", "/login", "/apis-explained", "/tags/node.js",
            "/authors/j.doe"})
    void clientSideRoutesAreTheApp(String path) {
        assertThat(ClientRoutes.isPage(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/favicon.svg", "/assets/app.js", "/assets/views/home.js",
            "/api/posts", "/api/users/login", "/api", "/health/ready", "/health", "/metrics", "/openapi/ui",
            "/robots.txt", "/WEB-INF/web.xml"})
    void filesAndEndpointsAreNot(String path) {
        assertThat(ClientRoutes.isPage(path)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"/, /pages/home", "'', /pages/home", "/search, /pages/search", "/posts/hello, /pages/posts/hello",
            "/posts/%E4%BD%A0%E5%A5%BD, /pages/posts/%E4%BD%A0%E5%A5%BD", "/tags/node.js, /pages/tags/node.js",
            "/authors/alice, /pages/authors/alice"})
    void publicPagesAreRenderedByPostWar(String path, String rendered) {
        assertThat(ClientRoutes.serverRendered(path)).isEqualTo(rendered);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/login", "/write", "/write/a/revisions", "/me/articles", "/moderation", "/settings",
            "/searches", "/postsx", "/assets/app.js"})
    void screensOnlyTheFrontEndDrawsAreNot(String path) {
        assertThat(ClientRoutes.serverRendered(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api", "/api/", "/api/nothing", "/api/postsx/1"})
    void apiAddressesNoServiceAnsweredAreUnknownApis(String path) {
        assertThat(ClientRoutes.isUnknownApi(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/apis-explained", "/posts/api", "/assets/api.js"})
    void otherAddressesAreNotUnknownApis(String path) {
        assertThat(ClientRoutes.isUnknownApi(path)).isFalse();
    }
}
