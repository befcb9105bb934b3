package org.ecommerce.dao.observation;

import java.util.Objects;

import org.ecommerce.dao.EcommerceException;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.schema.Engine;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * Reports every operation as a Micrometer {@link Observation} named {@value #NAME}, with the
 * low-cardinality keys {@code operation} ({@code orders.place}, {@code queries.LowStockProducts}),
 * {@code engine} ({@code h2}, {@code postgresql}) and {@code outcome} ({@code success};
 * {@code refused}: a typed business refusal such as out of stock; {@code transient}: lost
 * connection, timeout, retries exhausted; {@code error}: anything else), and an event
 * {@value #RETRY_EVENT} per retried transaction and an event {@value #PRIMARY_INSTEAD_EVENT} per read that a
 * replica should have served but the primary did.
 *
 * <p>With a {@code DefaultMeterObservationHandler} on the registry (Spring Boot installs one) that
 * gives a timer {@code ecommerce.operation} per operation, engine and outcome, and a counter
 * {@code ecommerce.operation.retry} and a counter {@code ecommerce.operation.replica.bypassed}; a tracing handler makes each operation a span. Micrometer is an
 * optional dependency: only this class needs it on the class path.
 */
public final class MicrometerObservations implements OperationObserver {

    /** The observation's name, and so the timer's. */
    public static final String NAME = "ecommerce.operation";

    /** The event of a retried transaction, and so the counter {@code ecommerce.operation.retry}. */
    public static final String RETRY_EVENT = "retry";

    /**
     * The event of a read on the primary instead of the replica, and so the counter
     * {@code ecommerce.operation.replica.bypassed}.
     */
    public static final String PRIMARY_INSTEAD_EVENT = "replica.bypassed";

    private static final Observation.Event PRIMARY_INSTEAD = Observation.Event.of(PRIMARY_INSTEAD_EVENT,
            "read on the primary: the replica was unreachable, promoted, lagging or not caught up");

    private static final Observation.Event RETRY = Observation.Event.of(RETRY_EVENT, "transaction run again after a serialization failure or deadlock");

    private final ObservationRegistry registry;

    private MicrometerObservations(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Observations in {@code registry}. */
    public static MicrometerObservations using(ObservationRegistry registry) {
        return new MicrometerObservations(registry);
    }

    @Override
    public Observed start(String operation, Engine engine) {
        if (registry.isNoop()) {
            return null;
        }
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(operation)
                .lowCardinalityKeyValues(KeyValues.of("operation", operation, "engine", engine.name().toLowerCase(java.util.Locale.ROOT)))
                .start();
        Observation.Scope scope = observation.openScope();
        return new Observed() {
            @Override
            public void retried(Throwable cause) {
                observation.event(RETRY);
            }

            @Override
            public void readOnPrimaryInstead(String reason) {
                observation.event(PRIMARY_INSTEAD);
            }

            @Override
            public void stop(Throwable failure) {
                observation.lowCardinalityKeyValue("outcome", outcome(failure));
                if (failure != null) {
                    observation.error(failure);
                }
                scope.close();
                observation.stop();
            }
        };
    }

    private static String outcome(Throwable failure) {
        if (failure == null) {
            return "success";
        }
        if (failure instanceof TransientDataAccessException) {
            return "transient";
        }
        return failure instanceof EcommerceException ? "refused" : "error";
    }
}
