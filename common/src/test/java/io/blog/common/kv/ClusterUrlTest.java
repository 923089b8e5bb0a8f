package io.blog.common.kv;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterUrlTest {

    @Test
    void nodesUserAndPasswordAreRead() {
        RedisKeyValueStore.ClusterUrl url = RedisKeyValueStore.ClusterUrl.parse("redis-cluster://app:s3cret@127.0.0.1:7001,127.0.0.1:7002/");
        assertThat(url.nodes()).containsExactly(new HostAndPort("127.0.0.1", 7001), new HostAndPort("127.0.0.1", 7002));
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void aPasswordAloneMayHoldSlashesAtSignsPlusAndEscapes() {
        RedisKeyValueStore.ClusterUrl url = RedisKeyValueStore.ClusterUrl.parse("redis-cluster://:a/b@c+d%3A@10.0.0.1:6379");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isEqualTo("a/b@c+d:");
        assertThat(url.nodes()).containsExactly(new HostAndPort("10.0.0.1", 6379));
        assertThat(RedisKeyValueStore.ClusterUrl.parse("redis-cluster://10.0.0.1:6379").password()).isNull();
    }

    @Test
    void aUrlWithoutNodesIsRefusedWithoutShowingItsPassword() {
        assertThatThrownBy(() -> RedisKeyValueStore.ClusterUrl.parse("redis-cluster://:hidden@/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hidden");
    }
}
