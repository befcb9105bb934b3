package org.ecommerce.it.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/** Nothing in the schema can hold a clear password, a full card number or a CVV. */
@OnBothEngines
class NoSecretsInSchemaTest {

    private final TestDatabase db;

    NoSecretsInSchemaTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void noColumnIsMeantForAClearPasswordACardNumberOrACvv() throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = db.ownerConnect();
             ResultSet rs = c.getMetaData().getColumns(null, "public", "%", "%")) {
            while (rs.next()) {
                columns.add((rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME")).toLowerCase(Locale.ROOT));
            }
        }

        assertThat(columns).as("columns read from the metadata").contains("customer.password_hash", "credit_card.last_four");
        assertThat(columns).filteredOn(c -> c.contains("password")).containsExactly("customer.password_hash");
        assertThat(columns).noneMatch(c -> c.contains("cvv") || c.contains("cvc") || c.contains("security_code"));
        assertThat(columns).noneMatch(c -> c.contains("card_number") || c.endsWith(".pan") || c.contains("full_number"));
    }
}
