package org.ecommerce.dao.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

import org.ecommerce.dao.observation.OperationObserver;
import org.ecommerce.dao.observation.OperationObserver.Observed;
import org.ecommerce.schema.Engine;

/**
 * Wraps repositories and query runs in an {@link OperationObserver}, and tells the operation
 * running on a thread of each retry of its transaction. With {@link OperationObserver#NONE} nothing
 * is wrapped: repositories are handed out as they are.
 */
public final class ObservedOperations {

    private final OperationObserver observer;
    private final Engine engine;
    private final ThreadLocal<Observed> running = new ThreadLocal<>();

    /** Operations on {@code engine} watched by {@code observer}. */
    public ObservedOperations(OperationObserver observer, Engine engine) {
        this.observer = observer;
        this.engine = engine;
    }

    /** Whether anything is watched. */
    public boolean enabled() {
        return observer != OperationObserver.NONE;
    }

    /**
     * {@code repository} with each of its interface's methods observed as {@code prefix.method};
     * a call made while another is running on the thread (a repository calling another) is part of
     * the outer one.
     */
    public <R> R repository(Class<R> type, String prefix, R repository) {
        if (!enabled()) {
            return repository;
        }
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return invoke(method, repository, args);
            }
            return observe(prefix + "." + method.getName(), () -> {
                try {
                    return invoke(method, repository, args);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable e) {
                    throw new IllegalStateException(e);
                }
            });
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Runs {@code work} as the operation {@code name}, unless one is already running on this thread. */
    public <T> T observe(String name, Supplier<T> work) {
        if (!enabled() || running.get() != null) {
            return work.get();
        }
        Observed observed = observer.start(name, engine);
        if (observed == null) {
            return work.get();
        }
        running.set(observed);
        try {
            T result = work.get();
            running.remove();
            observed.stop(null);
            return result;
        } catch (RuntimeException | Error failure) {
            running.remove();
            observed.stop(failure);
            throw failure;
        }
    }

    /** Tells the operation running on this thread, if any, that it reads on the primary instead of the replica. */
    public void readOnPrimaryInstead(String reason) {
        Observed observed = running.get();
        if (observed != null) {
            observed.readOnPrimaryInstead(reason);
        }
    }

    /** Tells the operation running on this thread, if any, that its transaction runs again. */
    public void retried(Throwable cause) {
        Observed observed = running.get();
        if (observed != null) {
            observed.retried(cause);
        }
    }
}
