package io.blog.common.data;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import java.util.logging.Logger;

/**
 * Repeats a failed read once when the failure was the replica being unreachable. Only outside a
 * transaction: inside one every statement already goes to the primary, and a write is never
 * repeated.
 */
@ReadsWithFallback
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class ReadsWithFallbackInterceptor {

    private static final Logger LOG = Logger.getLogger(ReadsWithFallbackInterceptor.class.getName());

    @Inject
    ReadRouting routing;

    @Inject
    ReplicaMonitor monitor;

    @AroundInvoke
    Object readWithFallback(InvocationContext context) throws Exception {
        boolean replicaInPlay = monitor.enabled() && !routing.inTransaction();
        ReadRouting.replicaWasChosen();
        try {
            return context.proceed();
        } catch (RuntimeException e) {
            // Only when this read really went to the replica: a refused primary is not the replica's fault.
            if (!replicaInPlay || !ReadRouting.replicaWasChosen() || !DatabaseFailures.isConnectionFailure(e)) {
                throw e;
            }
            LOG.warning("Replica unreachable during a read, repeating it on the primary: " + rootMessage(e));
            monitor.markUnreachable(rootMessage(e));
            return context.proceed();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
