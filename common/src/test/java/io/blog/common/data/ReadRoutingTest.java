package io.blog.common.data;

import io.blog.common.security.RequestCaller;
import jakarta.enterprise.inject.Instance;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;

import static org.assertj.core.api.Assertions.assertThat;

class ReadRoutingTest {

    @Test
    void anonymousReadsGoToAHealthyReplicaButCacheFillsToThePrimary() {
        ReadRouting routing = new ReadRouting();
        routing.monitor = new ReplicaMonitor() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public boolean usable() {
                return true;
            }
        };
        routing.caller = anonymous();

        assertThat(routing.decide()).as("an anonymous read").isTrue();
        assertThat(ReadRouting.fromPrimary(routing::decide)).as("a read whose result is cached").isFalse();
        assertThat(ReadRouting.fromPrimary(() -> ReadRouting.fromPrimary(routing::decide) || routing.decide()))
                .as("nested, and after the nested call returns").isFalse();
        assertThat(routing.decide()).as("afterwards").isTrue();
    }

    @SuppressWarnings("unchecked")
    private static Instance<RequestCaller> anonymous() {
        return (Instance<RequestCaller>) Proxy.newProxyInstance(ReadRoutingTest.class.getClassLoader(), new Class<?>[]{Instance.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> new RequestCaller();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
