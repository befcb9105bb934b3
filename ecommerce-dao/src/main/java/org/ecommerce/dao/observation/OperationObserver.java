package org.ecommerce.dao.observation;

import org.ecommerce.schema.Engine;

/**
 * Watches the library's operations: every repository call and every query object run. Set one
 * with {@code Ecommerce.builder(ds).observedBy(...)}; {@link MicrometerObservations} reports them
 * to Micrometer. Without one, operations are not wrapped at all.
 */
public interface OperationObserver {

    /** Watches nothing. */
    OperationObserver NONE = (operation, engine) -> null;

    /**
     * An operation starts on the calling thread.
     *
     * @param operation its name: {@code orders.place}, {@code queries.LowStockProducts}, ...
     * @param engine    the engine it runs on
     * @return what to tell as it goes on and ends; {@code null} to watch nothing of it
     */
    Observed start(String operation, Engine engine);

    /** One running operation. */
    interface Observed {

        /** Its transaction failed with a serialization failure or deadlock and runs again. */
        void retried(Throwable cause);

        /**
         * It reads on the primary although a replica was given for its reads: the replica is
         * unreachable, no longer a standby, further behind than the bound, or has not replayed
         * the position the read asked for in time.
         */
        default void readOnPrimaryInstead(String reason) {
        }

        /**
         * It ended, on the thread that started it.
         *
         * @param failure what it threw, or {@code null} when it returned
         */
        void stop(Throwable failure);
    }
}
