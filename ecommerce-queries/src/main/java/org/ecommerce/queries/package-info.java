/**
 * The analytics as typed query objects: one class per question, typed parameters validated on
 * creation, typed rows (records) in a documented deterministic order, the same SQL on H2 and
 * PostgreSQL. Every question extends {@link org.ecommerce.queries.AnalyticsQuery}: fetch its rows
 * from an {@code Ecommerce} or a {@code DataSource}, stream them, or show its SQL per engine.
 *
 * <p>Shared definitions: money is {@code BigDecimal} with scale 2; revenue of a product, brand or
 * category is the sum of order-line subtotals at the prices paid; expenditure and monthly sales
 * are orders' grand totals (after deductions); only {@link org.ecommerce.queries.MonthlySalesGrowth}
 * subtracts returns (completed ones). Times are instants ({@link org.ecommerce.queries.TimeRange});
 * hours and months are local to a zone the caller names.
 */
package org.ecommerce.queries;
