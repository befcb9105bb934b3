package org.ecommerce.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Clients in the JVM, one thread each, placing orders back to back (a closed loop: each waits for
 * its order before sending the next) until the time is up.
 */
final class ClosedLoopContender implements Contender {

    private final String name;
    private final OrderPlacer placer;
    private final LongSupplier seeds;

    /**
     * @param seeds a fresh seed per client and run, so no idempotency key ever repeats (a repeated
     *              key would return the earlier order: a cheaper path than the one measured)
     */
    ClosedLoopContender(String name, OrderPlacer placer, LongSupplier seeds) {
        this.name = name;
        this.placer = placer;
        this.seeds = seeds;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double ordersPerSecond(int clients, Duration length) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        LongAdder orders = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            SplittableRandom random = new SplittableRandom(seeds.getAsLong());
            threads.add(Thread.ofPlatform().name(name + "-client-" + i).start(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < deadline[0] && failure.get() == null) {
                        placer.place(OrderRequest.next(random));
                        orders.increment();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        long began = System.nanoTime();
        deadline[0] = began + length.toNanos();
        start.countDown(); // publishes the deadline to the clients
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - began;
        if (failure.get() != null) {
            throw new IllegalStateException(name + " failed to place an order", failure.get());
        }
        return orders.sum() * 1e9 / elapsed;
    }
}
