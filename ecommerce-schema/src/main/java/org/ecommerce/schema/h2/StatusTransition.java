package org.ecommerce.schema.h2;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.ecommerce.schema.rules.Rule;

/**
 * A row's status moves only as a row of table {@code status_transition} for its machine allows.
 * H2 twin of PostgreSQL's {@code status_transition()}; the moves themselves are data, read by both.
 * Keeping the status is no move. It fires after the row's CHECKs, so an unknown status is theirs to refuse.
 */
abstract class StatusTransition extends RuleTrigger {

    private final Rule rule;
    private final String machine;
    private final String noun;
    private String allowed;

    /**
     * @param machine the table whose status moves, as {@code status_transition.machine} names it
     * @param noun    the row in the refusal's message ("delivery", "return")
     */
    StatusTransition(Rule rule, String machine, String noun) {
        this.rule = rule;
        this.machine = machine;
        this.noun = noun;
    }

    @Override
    protected void prepare(String schema) {
        allowed = "SELECT 1 FROM " + schema + ".status_transition WHERE machine = ? AND from_status = ? AND to_status = ?";
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String from = stringValue(oldRow, "status");
        String to = stringValue(newRow, "status");
        if (!Objects.equals(from, to) && queryValue(conn, allowed, machine, from, to).isEmpty()) {
            Object id = value(oldRow, "id");
            throw refusal(rule, noun + " " + id + " cannot go from " + from + " to " + to,
                    rule.fields().get(0), id, "from", from, "to", to);
        }
    }
}
