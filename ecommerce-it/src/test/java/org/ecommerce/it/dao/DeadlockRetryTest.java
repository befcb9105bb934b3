package org.ecommerce.it.dao;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.TransientDataAccessException;
import org.ecommerce.dao.catalog.Product;
import org.ecommerce.it.support.Together;
import org.ecommerce.it.support.Together.Outcome;
import org.ecommerce.it.support.OnBothEngines;
import org.ecommerce.it.support.ShopFixtures;
import org.ecommerce.it.support.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A real deadlock between two transactions that lock two products in opposite order: the victim
 * is rolled back and run again, so both callers succeed; with retries switched off the victim
 * gets a typed transient error.
 */
@OnBothEngines
class DeadlockRetryTest {

    private final TestDatabase db;

    DeadlockRetryTest(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theVictimOfADeadlockIsRetriedAndBothTransactionsTakeEffectOnce() throws Exception {
        // given two products and two transactions that restock them in opposite order
        Ecommerce shop = Ecommerce.builder(db.dataSource()).maxRetries(3).build();
        ShopFixtures fixtures = new ShopFixtures(shop);
        Product x = fixtures.product("1.00", 0);
        Product y = fixtures.product("1.00", 0);
        AtomicInteger attempts = new AtomicInteger();

        // when both hold their first lock before asking for the second
        List<Outcome<Object>> outcomes = crossedRestocks(shop, x, y, attempts);

        // then both succeeded, one of them after a retry, and each restock counted once
        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(attempts.get()).isGreaterThan(2);
        assertThat(shop.catalog().get(x.id()).stock()).isEqualTo(2);
        assertThat(shop.catalog().get(y.id()).stock()).isEqualTo(2);
    }

    @Test
    void withoutRetriesTheVictimGetsATransientErrorAndItsWorkIsUndone() throws Exception {
        Ecommerce shop = Ecommerce.builder(db.dataSource()).maxRetries(0).build();
        ShopFixtures fixtures = new ShopFixtures(shop);
        Product x = fixtures.product("1.00", 0);
        Product y = fixtures.product("1.00", 0);

        List<Outcome<Object>> outcomes = crossedRestocks(shop, x, y, new AtomicInteger());

        assertThat(outcomes).filteredOn(o -> o.failure() != null).singleElement()
                .satisfies(o -> assertThat(o.failure()).isInstanceOf(TransientDataAccessException.class));
        assertThat(shop.catalog().get(x.id()).stock()).isEqualTo(1);
        assertThat(shop.catalog().get(y.id()).stock()).isEqualTo(1);
    }

    private static List<Outcome<Object>> crossedRestocks(Ecommerce shop, Product x, Product y, AtomicInteger attempts)
            throws InterruptedException {
        CyclicBarrier bothHoldTheirFirstLock = new CyclicBarrier(2);
        Callable<Object> xThenY = () -> shop.inTransaction(tx -> {
            tx.catalog().restock(x.id(), 1);
            if (attempts.incrementAndGet() <= 2) {
                awaitQuietly(bothHoldTheirFirstLock);
            }
            return tx.catalog().restock(y.id(), 1);
        });
        Callable<Object> yThenX = () -> shop.inTransaction(tx -> {
            tx.catalog().restock(y.id(), 1);
            if (attempts.incrementAndGet() <= 2) {
                awaitQuietly(bothHoldTheirFirstLock);
            }
            return tx.catalog().restock(x.id(), 1);
        });
        return Together.run(List.of(xThenY, yThenX));
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other transaction never took its first lock", e);
        }
    }
}
