/**
 * Benchmarks of the library against its limits: hand-written JDBC issuing the same statements,
 * and pgbench running the same SQL. Main classes run on demand ({@code -Pbench}), never in the
 * normal build; see {@code docs/BENCHMARKS.md}.
 */
package org.ecommerce.bench;
