package io.blog.common.data;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs outside {@code @Transactional} (lower priority number wraps it), so by the time
 * {@code proceed()} returns the write is committed and its GTID is in the primary's binlog; and a
 * write a read-only node refused can be repeated as a transaction of its own.
 */
@WritesToPrimary
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WritesToPrimaryInterceptor {

    @Inject
    ReadRouting routing;

    @Inject
    RefusedWriteRepeat refusedWrites;

    @AroundInvoke
    Object rememberWrite(InvocationContext context) throws Exception {
        Object result = refusedWrites.proceed(context);
        routing.rememberWrite();
        return result;
    }
}
