package org.ecommerce.it.spring;

import java.util.List;
import java.util.Optional;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.OutOfStockException;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.queries.LowStockProducts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service's own transactional code: it writes its own rows with Spring's {@code JdbcTemplate}
 * and calls the library in the same {@code @Transactional} methods.
 */
public class CheckoutService {

    private final Ecommerce shop;
    private final JdbcTemplate jdbc;

    /** The service, on the library and the template that Spring Boot configured. */
    public CheckoutService(Ecommerce shop, JdbcTemplate jdbc) {
        this.shop = shop;
        this.jdbc = jdbc;
    }

    /** Opens an account, places the order, then fails: everything must roll back. */
    @Transactional
    public Order openAccountAndOrderThenFail(String login, PlaceOrder order) {
        openAccount(login);
        shop.orders().place(order);
        throw new ServiceFailure("the service failed after the order was placed");
    }

    /** Opens an account and places the order; a refusal of the library propagates. */
    @Transactional
    public Order openAccountAndOrder(String login, PlaceOrder order) {
        openAccount(login);
        return shop.orders().place(order);
    }

    /**
     * Opens an account and tries to place the order; a refusal for lack of stock is caught, and the
     * method commits. README.md shows it (see ReadmeSnippetsTest).
     */
    // snippet:start
    @Transactional
    public Optional<OutOfStockException> openAccountAndTryToOrder(String login, PlaceOrder order) {
        jdbc.update("INSERT INTO app_account (login) VALUES (?)", login);
        try {
            shop.orders().place(order);                     // joins this transaction in a savepoint
            return Optional.empty();
        } catch (OutOfStockException refused) {             // only the order was undone
            return Optional.of(refused);                    // the account row commits with the method
        }
    }
    // snippet:end

    /**
     * Sets a product's stock with the service's own SQL, then asks the library for products below
     * {@code threshold}; the change is not committed when the query runs.
     */
    @Transactional
    public List<LowStockProducts.Row> setStockThenListLowStock(long productId, int stock, int threshold) {
        jdbc.update("UPDATE product SET stock = ? WHERE id = ?", stock, productId);
        return LowStockProducts.below(threshold).fetch(shop);
    }

    /**
     * Opens an account, then runs a report that fails, catches its error and goes on as if it
     * could commit.
     */
    @Transactional
    public RuntimeException openAccountAndIgnoreAFailedReport(String login) {
        openAccount(login);
        try {
            shop.read("report", dsl -> dsl.fetch("SELECT * FROM no_such_report_table"));
            return null;
        } catch (RuntimeException failed) {
            return failed;
        }
    }

    /** Whether the service's account table holds {@code login}, read outside any transaction. */
    public boolean hasAccount(String login) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM app_account WHERE login = ?", Integer.class, login);
        return count != null && count > 0;
    }

    private void openAccount(String login) {
        jdbc.update("INSERT INTO app_account (login) VALUES (?)", login);
    }

    /** A failure of the service's own, after the library did its part. */
    public static final class ServiceFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ServiceFailure(String message) {
            super(message);
        }
    }
}
