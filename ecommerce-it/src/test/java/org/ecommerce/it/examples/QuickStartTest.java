package org.ecommerce.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.order.Order;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.LowStockProducts;
import org.junit.jupiter.api.Test;

import com.example.shop.QuickStart;

/**
 * The README's quick start ({@link QuickStart}, shown there word for word, see
 * {@link ReadmeSnippetsTest}) run as a new user runs it: on a database without any table.
 */
@OnBothEngines
class QuickStartTest {

    @Test
    void theQuickStartMigratesAnEmptyDatabaseAndPlacesItsOrder(TestDatabase db) {
        DataSource empty = db.newEmptyDatabase("quickstart");

        Order order = QuickStart.run(empty);

        assertThat(order.lines()).singleElement().satisfies(line -> assertThat(line.quantity()).isEqualTo(2));
        assertThat(LowStockProducts.below(200).fetch(Ecommerce.create(empty)))
                .singleElement().satisfies(row -> assertThat(row.stock()).isEqualTo(8));
    }
}
