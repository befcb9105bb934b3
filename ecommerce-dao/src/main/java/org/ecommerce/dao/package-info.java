/**
 * The data-access layer: create an {@link org.ecommerce.dao.Ecommerce} from a {@code DataSource}
 * and use its repositories, one package per aggregate (customer, catalog, basket, order, delivery,
 * returns, review). Every repository method is one transaction (but for the reads a read replica
 * serves, see {@link org.ecommerce.dao.Ecommerce.Builder#readReplica}); failures are the typed
 * {@link org.ecommerce.dao.EcommerceException}s of this package.
 */
package org.ecommerce.dao;
