package org.ecommerce.it.support;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicInteger;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.catalog.NewProduct;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.Gender;
import org.ecommerce.dao.customer.GiftCard;
import org.ecommerce.dao.customer.NewCreditCard;
import org.ecommerce.dao.customer.NewGiftCard;
import org.ecommerce.dao.customer.RegisterCustomer;

/**
 * Builds test data through the public API only, with unique names so that tests sharing a
 * database never collide.
 */
public final class ShopFixtures {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String PASSWORD = "correct horse battery staple";

    private final Ecommerce shop;

    public ShopFixtures(Ecommerce shop) {
        this.shop = shop;
    }

    public static String unique(String prefix) {
        return prefix + SEQUENCE.incrementAndGet();
    }

    public Customer customer() {
        return customer(unique("Customer "));
    }

    public Customer customer(String name) {
        return shop.customers().register(new RegisterCustomer(unique("c") + "@example.com", name, null,
                Gender.UNDISCLOSED, null, Address.of("1 Main St", "Leeds", "LS1 1AA", "GB"), PASSWORD));
    }

    public CreditCard creditCard(Customer customer) {
        return shop.customers().addCreditCard(customer.id(),
                new NewCreditCard("visa", customer.name(), "4242", YearMonth.now().plusYears(2), unique("tok_")));
    }

    public GiftCard giftCard(Customer customer, String amount) {
        return shop.customers().addGiftCard(customer.id(), new NewGiftCard(unique("GC"), new BigDecimal(amount), null));
    }

    public Product product(String price, int stock) {
        long brand = shop.catalog().addBrand(unique("Brand ")).id();
        long category = shop.catalog().addCategory(unique("Category "), null).id();
        return shop.catalog().addProduct(new NewProduct(unique("Product "), null, brand, category,
                new BigDecimal(price), stock));
    }
}
