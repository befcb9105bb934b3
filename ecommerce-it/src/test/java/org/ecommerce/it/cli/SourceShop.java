package org.ecommerce.it.cli;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.schema.EcommerceSchema;

/**
 * A migrated database of its own for one test of the command line, so that an export holds only
 * what that test put there.
 *
 * @param url        its JDBC URL, for the command line
 * @param dataSource a data source on it
 * @param shop       the library on it
 * @param fixtures   test data through the library
 */
record SourceShop(String url, DataSource dataSource, Ecommerce shop, ShopFixtures fixtures) {

    /** A new empty database beside {@code db}'s, migrated, with the library on it. */
    static SourceShop fresh(TestDatabase db) {
        String url = db.newEmptyDatabaseUrl("source");
        DataSource dataSource = DemoCommandTest.dataSource(url);
        EcommerceSchema.migrate(dataSource);
        Ecommerce shop = Ecommerce.create(dataSource);
        return new SourceShop(url, dataSource, shop, new ShopFixtures(shop));
    }
}
