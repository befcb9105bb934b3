package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.ValidationException;
import org.ecommerce.dao.catalog.Category;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.dao.customer.Customer;
import org.ecommerce.dao.interaction.Interaction;
import org.ecommerce.dao.interaction.InteractionKind;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.ecommerce.queries.TopCustomersByInteractions;
import org.junit.jupiter.api.Test;

/** The short forms of everyday calls: top-level categories, interaction kinds, transactions without a result. */
@OnBothEngines
class EverydayCallsTest {

    private final Ecommerce shop;
    private final ShopFixtures fixtures;

    EverydayCallsTest(TestDatabase db) {
        this.shop = Ecommerce.create(db.dataSource());
        this.fixtures = new ShopFixtures(shop);
    }

    @Test
    void aCategoryWithoutParentIsTopLevelAndASubcategoryHasItsParent() {
        // when
        Category tools = shop.catalog().addCategory(ShopFixtures.unique("Tools"));
        Category hammers = shop.catalog().addSubcategory(ShopFixtures.unique("Hammers"), tools.id());

        // then
        assertThat(tools.parentId()).isNull();
        assertThat(hammers.parentId()).isEqualTo(tools.id());
    }

    @Test
    void anInteractionRecordedByKindIsStoredUnderTheKindsName() {
        // given
        Customer customer = fixtures.customer();
        Product product = fixtures.product("5.00", 3);

        // when
        Interaction viewed = shop.interactions().record(customer.id(), product.id(), InteractionKind.VIEW, Instant.now());

        // then
        assertThat(viewed.type()).isEqualTo("view");
        assertThat(TopCustomersByInteractions.top(10).ofKinds(InteractionKind.VIEW).fetch(shop))
                .anySatisfy(row -> assertThat(row.customerId()).isEqualTo(customer.id()));
        assertThat(TopCustomersByInteractions.top(10).ofKinds(InteractionKind.CLICK).fetch(shop))
                .noneSatisfy(row -> assertThat(row.customerId()).isEqualTo(customer.id()));
    }

    @Test
    void anInteractionWithoutKindIsRefusedNamingTheField() {
        assertThatThrownBy(() -> shop.interactions().record(1, 1, (InteractionKind) null, Instant.now()))
                .isInstanceOf(ValidationException.class).hasMessageContaining("type");
    }

    @Test
    void workWithoutResultCommitsOrRollsBackAsOne() {
        // given
        String brand = ShopFixtures.unique("Brand");

        // when the second call of a transaction fails
        assertThatThrownBy(() -> shop.runInTransaction(tx -> {
            tx.catalog().addBrand(brand);
            tx.catalog().addBrand(brand);   // a duplicate: refused
        })).isInstanceOf(RuntimeException.class);
        shop.runInTransaction(tx -> tx.catalog().addCategory(brand));

        // then the first call was undone with it, and a transaction that succeeds commits
        assertThat(shop.catalog().brands()).noneSatisfy(b -> assertThat(b.name()).isEqualTo(brand));
        assertThat(shop.catalog().categories()).anySatisfy(c -> assertThat(c.name()).isEqualTo(brand));
    }
}
