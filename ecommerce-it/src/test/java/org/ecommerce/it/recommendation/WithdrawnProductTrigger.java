package org.ecommerce.it.recommendation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2: a service's own trigger on interaction, refusing interactions with a product listed in its
 * table withdrawn_product (the PostgreSQL twin is a PL/pgSQL function in the test that uses it).
 */
public final class WithdrawnProductTrigger implements Trigger {

    private int productColumn = -1;

    /** Creates the trigger; H2 instantiates it by class name. */
    public WithdrawnProductTrigger() {
    }

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type)
            throws SQLException {
        try (ResultSet columns = conn.getMetaData().getColumns(null, schemaName, tableName, null)) {
            while (columns.next()) {
                if ("PRODUCT_ID".equalsIgnoreCase(columns.getString("COLUMN_NAME"))) {
                    productColumn = columns.getInt("ORDINAL_POSITION") - 1;
                }
            }
        }
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        try (PreparedStatement withdrawn = conn.prepareStatement(
                "SELECT COUNT(*) AS withdrawn FROM withdrawn_product WHERE product_id = ?")) {
            withdrawn.setObject(1, newRow[productColumn]);
            try (ResultSet rs = withdrawn.executeQuery()) {
                rs.next();
                if (rs.getLong("withdrawn") > 0) {
                    throw new SQLException("product " + newRow[productColumn] + " is withdrawn", "23514");
                }
            }
        }
    }
}
