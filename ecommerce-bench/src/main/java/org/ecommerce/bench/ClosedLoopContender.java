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
 * Clients in the JVM, one thread each, repeating an operation back to back (a closed loop: each
 * waits for its operation to finish before starting the next) until the time is up.
 */
final class ClosedLoopContender implements Contender {

    /** One operation, such as placing an order, with its random draws taken from {@code random}. */
    interface Operation {
        void run(SplittableRandom random) throws Exception;
    }

    private final String name;
    private final Operation operation;
    private final LongSupplier seeds;

    /**
     * @param seeds a fresh seed per client and run, so no idempotency key ever repeats (a repeated
     *              key would return the earlier order: a cheaper path than the one measured)
     */
    ClosedLoopContender(String name, Operation operation, LongSupplier seeds) {
        this.name = name;
        this.operation = operation;
        this.seeds = seeds;
    }

    /** Placing orders with {@code placer}, each a fresh {@link OrderRequest}. */
    static ClosedLoopContender placingOrders(String name, OrderPlacer placer, LongSupplier seeds) {
        return new ClosedLoopContender(name, random -> placer.place(OrderRequest.next(random)), seeds);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double perSecond(int clients, Duration length) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        LongAdder operations = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            SplittableRandom random = new SplittableRandom(seeds.getAsLong());
            threads.add(Thread.ofPlatform().name(name + "-client-" + i).start(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < deadline[0] && failure.get() == null) {
                        operation.run(random);
                        operations.increment();
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
            throw new IllegalStateException(name + " failed", failure.get());
        }
        return operations.sum() * 1e9 / elapsed;
    }
}
