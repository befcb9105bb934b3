package org.ecommerce.dao.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.ecommerce.dao.TransientDataAccessException;
import org.jooq.DSLContext;

/**
 * Runs repository work in transactions.
 *
 * <p>The outermost call opens a transaction; calls made inside it, on the same thread, join it
 * instead of opening their own, so several repository calls can commit or roll back together.
 * A serialization failure or deadlock (SQLSTATE 40001, 40P01; H2's lock timeout) rolls the whole
 * transaction back and runs it again, at most {@code maxRetries} times, with a short randomised
 * pause. Failures leave as the library's typed errors.
 */
public final class TransactionRunner {

    private final DSLContext root;
    private final int maxRetries;
    private final Duration retryPause;
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

    /**
     * @param root       a context on the application's data source
     * @param maxRetries how many times a transaction is run again after a serialization failure
     * @param retryPause the mean pause before a retry (randomised to spread competing retries)
     */
    public TransactionRunner(DSLContext root, int maxRetries, Duration retryPause) {
        this.root = root;
        this.maxRetries = maxRetries;
        this.retryPause = retryPause;
    }

    /** Runs {@code work} in the current transaction, or in a new one when there is none. */
    public <T> T run(Function<DSLContext, T> work) {
        DSLContext joined = current.get();
        if (joined != null) {
            return work.apply(joined);
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return root.transactionResult(configuration -> {
                    DSLContext dsl = configuration.dsl();
                    current.set(dsl);
                    try {
                        return work.apply(dsl);
                    } finally {
                        current.remove();
                    }
                });
            } catch (RuntimeException failure) {
                if (attempt < maxRetries && isRetryable(failure)) {
                    pause(attempt);
                    continue;
                }
                if (failure instanceof RetryTransaction retry) {
                    throw new TransientDataAccessException("gave up after retries: " + retry.getMessage(), retry);
                }
                throw ErrorTranslator.translate(failure);
            }
        }
    }

    /** Whether the calling thread is inside a transaction of this runner. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    private static boolean isRetryable(RuntimeException failure) {
        return failure instanceof RetryTransaction || ErrorTranslator.classify(failure) == ErrorTranslator.Kind.RETRY;
    }

    private void pause(int attempt) {
        long mean = retryPause.toMillis() * (attempt + 1);
        if (mean <= 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(mean / 2, mean * 3 / 2 + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry a transaction", e);
        }
    }

    /**
     * Thrown by work that found its premises changed by a concurrent transaction (for example a
     * racing request with the same idempotency key): the runner rolls back and runs it again.
     */
    public static final class RetryTransaction extends RuntimeException {

        private static final long serialVersionUID = 1L;

        /**
         * Creates the signal.
         *
         * @param reason why the work must start over
         * @param cause  the failure that showed it
         */
        public RetryTransaction(String reason, Throwable cause) {
            super(reason, cause, false, false);
        }
    }
}
