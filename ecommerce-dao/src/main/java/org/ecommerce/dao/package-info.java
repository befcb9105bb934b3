/**
 * Repositories: customers, catalogue, baskets, orders, deliveries, returns and reviews, each
 * operation one transaction with typed errors. (Filled by the repositories issue.)
 */
package org.ecommerce.dao;
