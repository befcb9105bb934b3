/**
 * Machinery shared by the repositories: transactions with bounded retries, translation of
 * database refusals into typed errors. Not part of the public API; may change in any release.
 */
package org.ecommerce.dao.internal;
