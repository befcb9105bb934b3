package org.ecommerce.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.ecommerce.schema.Engine;

/**
 * The library's {@code InteractionRepository.record} written by hand in plain JDBC: its one
 * statement, in its own transaction, into {@code interaction} (whose trigger updates the score)
 * or, for the plain-INSERT limit, into {@link InteractionBenchmark#PLAIN_TABLE} (no trigger).
 */
final class JdbcInteractionRecorder {

    /** The library's statement as jOOQ renders it (checked against the library before every run). */
    private static final String POSTGRESQL_INSERT = "insert into interaction (customer_id, product_id, type_id, occurred_at) "
            + "select ?, ?, interaction_type.id, cast(? as timestamp with time zone) from interaction_type "
            + "where interaction_type.name = ? returning interaction.id";
    private static final String H2_INSERT = "select id from final table (insert into interaction "
            + "(customer_id, product_id, type_id, occurred_at) select cast(? as bigint), cast(? as bigint), "
            + "interaction_type.id, cast(? as timestamp with time zone) from interaction_type "
            + "where interaction_type.name = cast(? as varchar(32))) interaction";

    private final DataSource dataSource;
    private final String insert;

    private JdbcInteractionRecorder(DataSource dataSource, String insert) {
        this.dataSource = dataSource;
        this.insert = insert;
    }

    /** Into {@code interaction}: the library's statement, trigger and all. */
    static JdbcInteractionRecorder withTrigger(DataSource dataSource, Engine engine) {
        return new JdbcInteractionRecorder(dataSource, statement(engine));
    }

    /** The same statement into the copy of the table without the trigger. */
    static JdbcInteractionRecorder plain(DataSource dataSource, Engine engine) {
        return new JdbcInteractionRecorder(dataSource,
                statement(engine).replaceAll("\\binteraction\\b", InteractionBenchmark.PLAIN_TABLE));
    }

    private static String statement(Engine engine) {
        return engine == Engine.POSTGRESQL ? POSTGRESQL_INSERT : H2_INSERT;
    }

    long record(InteractionRequest request) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(this.insert)) {
                insert.setLong(1, request.customerId());
                insert.setLong(2, request.productId());
                insert.setObject(3, request.occurredAt());
                insert.setString(4, request.type());
                long id;
                try (ResultSet rs = insert.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("unknown interaction type " + request.type());
                    }
                    id = rs.getLong(1);
                }
                c.commit();
                return id;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
