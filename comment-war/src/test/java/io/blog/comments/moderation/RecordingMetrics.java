package io.blog.comments.moderation;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/** A MetricRegistry that only records {@code counter(name, tags...).inc()} calls as "name[tag=value]". */
final class RecordingMetrics {

    final List<String> increments = new ArrayList<>();
    final MetricRegistry registry;

    RecordingMetrics() {
        registry = (MetricRegistry) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{MetricRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("counter") && args != null && args[0] instanceof String name) {
                        StringBuilder label = new StringBuilder(name);
                        if (args.length > 1 && args[1] instanceof Tag[] tags) {
                            for (Tag tag : tags) {
                                label.append('[').append(tag.getTagName()).append('=').append(tag.getTagValue()).append(']');
                            }
                        }
                        return counter(label.toString());
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
    }

    private Counter counter(String label) {
        return (Counter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Counter.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("inc")) {
                        long by = args == null ? 1 : (Long) args[0];
                        for (long i = 0; i < by; i++) {
                            increments.add(label);
                        }
                        return null;
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
    }
}
