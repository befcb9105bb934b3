package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Address;
import org.ecommerce.dao.customer.CreditCard;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.customer.RegisterCustomer;
import org.ecommerce.dao.order.Order;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.PlainSql;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * An address is checked where it is handed to the library, naming its part, and read back as the
 * database holds it, whoever stored it.
 */
@OnBothEngines
class AddressTest {

    private static final Address BLANK_STREET = new Address(null, "   ", "Leeds", null, "LS1 1AA", "GB");

    private final TestDatabase db;
    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    AddressTest(TestDatabase db) {
        this.db = db;
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void anAddressHandedToTheLibraryIsCheckedNamingItsPartAndNothingIsWritten() {
        // given a customer
        Customer customer = fixtures.customer();
        Address lowerCaseCountry = new Address(null, "2 High St", "York", null, "YO1 7HH", "gb");

        // when an address with a blank street or a lower-case country is handed to the library, then each is refused by part
        assertRefused("address.street", () -> shop.customers().updateAddress(customer.id(), BLANK_STREET));
        assertRefused("address.country", () -> shop.customers().updateAddress(customer.id(), lowerCaseCountry));
        assertRefused("address.street", () -> new RegisterCustomer("ada@example.com", "Ada", null, null, null, BLANK_STREET,
                "password1"));
        assertRefused("address.street", () -> new PlaceOrder(customer.id(), 1, List.of(new OrderItem(1, 1)), null,
                BLANK_STREET, null));
        // and the customer's address is as it was
        assertThat(shop.customers().get(customer.id()).address()).isEqualTo(customer.address());

        // when a valid one is handed over, then it is the customer's
        Address moved = Address.of("2 High St", "York", "YO1 7HH", "gb");
        assertThat(shop.customers().updateAddress(customer.id(), moved).address()).isEqualTo(moved);
        assertThat(moved.country()).isEqualTo("GB");
    }

    @Test
    void anAddressPlainSqlStoredOutsideTheLibrarysOwnChecksIsReadBackAndDeliveredTo() throws Exception {
        // given a customer whose street a plain-SQL writer set to spaces, which the database allows
        Customer customer = fixtures.customer();
        CreditCard card = fixtures.creditCard(customer);
        Product product = fixtures.product("5.00", 3);
        try (PlainSql sql = new PlainSql(db)) {
            sql.update("UPDATE customer SET address_street = ? WHERE id = ?", "   ", customer.id());
        }

        // when the library reads the customer, and places an order to the customer's address
        Customer read = shop.customers().get(customer.id());
        Order order = shop.orders().place(PlaceOrder.of(customer.id(), card.id(), "blank-street",
                new OrderItem(product.id(), 1)));

        // then both read the address as it is stored
        assertThat(read.address().street()).isEqualTo("   ");
        assertThat(order.total()).isEqualByComparingTo(new BigDecimal("5.00"));
        assertThat(shop.deliveries().forOrder(order.id()).address().street()).isEqualTo("   ");
    }

    private static void assertRefused(String field, Runnable command) {
        ValidationException refused = catchThrowableOfType(ValidationException.class, command::run);
        assertThat(refused).as(field).isNotNull();
        assertThat(refused.field()).isEqualTo(field);
    }
}
