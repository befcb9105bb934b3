package org.ecommerce.bench;

import java.util.List;

import javax.sql.DataSource;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.order.OrderItem;
import org.ecommerce.dao.order.PlaceOrder;

/** The library's {@code OrderRepository.place}, through its public API. */
final class LibraryOrderPlacer implements OrderPlacer {

    private final Ecommerce shop;

    LibraryOrderPlacer(DataSource dataSource) {
        this.shop = Ecommerce.create(dataSource);
    }

    @Override
    public long place(OrderRequest request) {
        OrderItem[] items = new OrderItem[request.productIds().length];
        for (int i = 0; i < items.length; i++) {
            items[i] = new OrderItem(request.productIds()[i], request.quantities()[i]);
        }
        return shop.orders().place(new PlaceOrder(request.customerId(), request.paymentMethodId(), List.of(items),
                request.deduction(), null, request.idempotencyKey())).id();
    }
}
