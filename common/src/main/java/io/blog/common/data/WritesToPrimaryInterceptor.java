package io.blog.common.data;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Runs outside {@code @Transactional} (lower priority number wraps it), so by the time
 * {@code proceed()} returns the write is committed and its GTID is in the primary's binlog.
 */
@WritesToPrimary
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WritesToPrimaryInterceptor {

    @Inject
    ReadRouting routing;

    @AroundInvoke
    Object rememberWrite(InvocationContext context) throws Exception {
        Object result = context.proceed();
        routing.rememberWrite();
        return result;
    }
}
