package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Every inserted interaction adds its decayed weight to the (customer, product) recommendation
 * score: one MERGE, the same expression as PostgreSQL's {@code interaction_adds_to_score()}, so
 * that both engines compute identical scores. H2 twin of that function.
 */
public final class InteractionAddsToScore extends RuleTrigger {

    /** {@code $.} stands for the trigger's schema, filled in by {@link #prepare}. */
    private static final String ADD_TO_SCORE = """
            MERGE INTO $.recommendation_score s
            USING (SELECT CAST(? AS BIGINT) AS customer_id, CAST(? AS BIGINT) AS product_id,
                          CAST(t.weight AS DOUBLE PRECISION)
                              * POWER(CAST(2 AS DOUBLE PRECISION),
                                      GREATEST(-1000, LEAST(1000,
                                          CAST(EXTRACT(EPOCH FROM CAST(? AS TIMESTAMP WITH TIME ZONE))
                                               - m.decay_epoch_seconds AS DOUBLE PRECISION)
                                              / m.half_life_seconds))) AS score,
                          t.name = 'purchase' AS purchased,
                          CAST(? AS TIMESTAMP WITH TIME ZONE) AS occurred_at
                     FROM $.interaction_type t CROSS JOIN $.recommendation_setting m
                    WHERE t.id = ?) n
               ON s.customer_id = n.customer_id AND s.product_id = n.product_id
             WHEN MATCHED THEN UPDATE SET score = s.score + n.score,
                                          purchased = s.purchased OR n.purchased,
                                          updated_at = GREATEST(s.updated_at, n.occurred_at)
             WHEN NOT MATCHED THEN INSERT (customer_id, product_id, score, purchased, updated_at)
                                   VALUES (n.customer_id, n.product_id, n.score, n.purchased, n.occurred_at)
            """;

    private String addToScore;

    /** Creates the trigger; H2 instantiates it by class name. */
    public InteractionAddsToScore() {
    }

    @Override
    protected void prepare(String schema) {
        addToScore = ADD_TO_SCORE.replace("$.", schema + ".");
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        Object occurredAt = value(newRow, "occurred_at");
        update(conn, addToScore, longValue(newRow, "customer_id"), longValue(newRow, "product_id"),
                occurredAt, occurredAt, longValue(newRow, "type_id"));
        // an unknown type is left to interaction_type_fk
    }
}
