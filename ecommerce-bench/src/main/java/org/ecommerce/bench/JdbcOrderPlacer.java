package org.ecommerce.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.ecommerce.dao.internal.ReferenceNumbers;
import org.ecommerce.schema.Engine;

/**
 * The library's order placement written by hand in plain JDBC: the same statements, in the same
 * order, in one transaction, with the same checks; what a careful developer would write without
 * the library. No jOOQ, no records, no retries (the workload has no conflicts to retry).
 *
 * <p>The triggers that take stock and maintain order totals fire for it exactly as for the library.
 */
final class JdbcOrderPlacer implements OrderPlacer {

    private static final String GIFT_CARD_KIND = "gift_card";

    private final DataSource dataSource;
    private final OrderStatements sql;

    JdbcOrderPlacer(DataSource dataSource, Engine engine) {
        this.dataSource = dataSource;
        this.sql = OrderStatements.of(engine);
    }

    private record Line(long productId, int quantity, BigDecimal unitPrice, BigDecimal subtotal) {
    }

    private record Payer(String building, String street, String city, String region, String postcode, String country,
                         String kind) {
    }

    @Override
    public long place(OrderRequest request) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long number = place(c, request);
                c.commit();
                return number;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private long place(Connection c, OrderRequest request) throws SQLException {
        if (request.idempotencyKey() != null) {
            try (PreparedStatement find = c.prepareStatement(sql.findByKey())) {
                find.setLong(1, request.customerId());
                find.setString(2, request.idempotencyKey());
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
        }
        Payer payer = payer(c, request);
        List<Line> lines = priceLines(c, request);
        BigDecimal total = lines.stream().map(Line::subtotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal deduction = request.deduction();
        if (deduction != null && deduction.compareTo(total) > 0) {
            throw new IllegalArgumentException("deduction must not exceed the order total " + total);
        }
        BigDecimal grandTotal = deduction == null ? total : total.subtract(deduction);

        long number;
        OffsetDateTime placedAt;
        try (PreparedStatement insert = c.prepareStatement(sql.insertOrder())) {
            insert.setLong(1, request.customerId());
            insert.setLong(2, request.paymentMethodId());
            insert.setString(3, request.idempotencyKey());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                number = rs.getLong(1);
                placedAt = rs.getObject(2, OffsetDateTime.class);
            }
        }
        try (PreparedStatement insert = c.prepareStatement(sql.insertLines(lines.size()))) {
            int p = 1;
            for (Line line : lines) {
                insert.setLong(p++, number);
                insert.setLong(p++, line.productId());
                insert.setInt(p++, line.quantity());
                insert.setBigDecimal(p++, line.unitPrice());
                insert.setBigDecimal(p++, line.subtotal());
            }
            insert.executeUpdate();
        }
        if (deduction != null && deduction.signum() > 0) {
            try (PreparedStatement update = c.prepareStatement(sql.updateDeduction())) {
                update.setBigDecimal(1, deduction);
                update.setBigDecimal(2, grandTotal);
                update.setLong(3, number);
                update.executeUpdate();
            }
        }
        if (GIFT_CARD_KIND.equals(payer.kind()) && grandTotal.signum() > 0) {
            try (PreparedStatement debit = c.prepareStatement(sql.debitGiftCard())) {
                debit.setBigDecimal(1, grandTotal);
                debit.setLong(2, request.paymentMethodId());
                debit.setBigDecimal(3, grandTotal);
                if (debit.executeUpdate() == 0) {
                    throw new IllegalStateException("insufficient gift card balance");
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement(sql.insertDelivery())) {
            insert.setLong(1, number);
            insert.setString(2, ReferenceNumbers.next("TRK"));
            insert.setString(3, payer.building());
            insert.setString(4, payer.street());
            insert.setString(5, payer.city());
            insert.setString(6, payer.region());
            insert.setString(7, payer.postcode());
            insert.setString(8, payer.country());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(sql.insertInteractions(lines.size()))) {
            int p = 1;
            for (Line line : lines) {
                insert.setLong(p++, request.customerId());
                insert.setLong(p++, line.productId());
                insert.setString(p++, "purchase");
                insert.setObject(p++, placedAt);
            }
            insert.executeUpdate();
        }
        return number;
    }

    private Payer payer(Connection c, OrderRequest request) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql.payer())) {
            select.setLong(1, request.paymentMethodId());
            select.setLong(2, request.customerId());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no customer " + request.customerId());
                }
                rs.getLong(7);
                if (rs.wasNull() || rs.getObject(9) != null) {
                    throw new IllegalArgumentException("no payment method " + request.paymentMethodId());
                }
                LocalDate expiresOn = rs.getObject(10, LocalDate.class);
                if (expiresOn != null && expiresOn.isBefore(LocalDate.now(ZoneOffset.UTC))) {
                    throw new IllegalArgumentException("payment method has expired");
                }
                return new Payer(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(8));
            }
        }
    }

    /** The lines at current prices, in product-id order (the lock order). */
    private List<Line> priceLines(Connection c, OrderRequest request) throws SQLException {
        long[] products = request.productIds();
        Map<Long, BigDecimal> prices = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement(sql.prices(products.length))) {
            for (int i = 0; i < products.length; i++) {
                select.setLong(i + 1, products[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    prices.put(rs.getLong(1), rs.getBigDecimal(2));
                }
            }
        }
        List<Line> lines = new ArrayList<>(products.length);
        for (int i = 0; i < products.length; i++) {
            BigDecimal price = prices.get(products[i]);
            if (price == null) {
                throw new IllegalArgumentException("no product " + products[i]);
            }
            int quantity = request.quantities()[i];
            lines.add(new Line(products[i], quantity, price, price.multiply(BigDecimal.valueOf(quantity))));
        }
        lines.sort(Comparator.comparingLong(Line::productId));
        return lines;
    }
}
