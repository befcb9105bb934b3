package org.ecommerce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

/**
 * The CPU time one order costs, in the benchmark's JVM and in the PostgreSQL server process that
 * serves its only connection, measured for several placers on the same pool of one connection.
 *
 * <p>Throughput rounds on a shared two-core machine spread by 20–40 %, far more than the few per
 * cent that separate two ways of calling the same code. CPU time spent per order barely moves with
 * other load (it counts only the time the work itself ran), so it can resolve such a difference. The
 * placers take turns in blocks of orders, the starting one rotating, and each block's cost is
 * compared with the block of the first placer run next to it (a paired ratio).
 */
final class CpuPerOrder {

    /** One placer's blocks: client and server CPU nanoseconds per order. */
    private record Blocks(List<Double> client, List<Double> server) {

        Blocks() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        double total(int block) {
            return client.get(block) + server.get(block);
        }
    }

    private final DataSource pool;
    private final Map<String, OrderPlacer> placers;
    private final LongSupplier seeds;

    /**
     * @param pool    a pool of exactly one connection, the one every placer uses
     * @param placers in order; the first is the baseline the others are divided by
     */
    CpuPerOrder(DataSource pool, Map<String, OrderPlacer> placers, LongSupplier seeds) {
        this.pool = pool;
        this.placers = new LinkedHashMap<>(placers);
        this.seeds = seeds;
    }

    /** A Markdown table: per placer, the median client, server and total CPU µs per order, and the ratio to the first. */
    String measure(String heading, int blocks, int ordersPerBlock, boolean serverSide) throws Exception {
        long backend = serverSide ? backendPid() : -1;
        Map<String, Blocks> results = new LinkedHashMap<>();
        List<String> names = List.copyOf(placers.keySet());
        names.forEach(name -> results.put(name, new Blocks()));
        for (String name : names) {
            runBlock(placers.get(name), ordersPerBlock, backend); // warm the block's own path
        }
        for (int block = 0; block < blocks; block++) {
            for (int turn = 0; turn < names.size(); turn++) {
                String name = names.get((block + turn) % names.size());
                double[] cost = runBlock(placers.get(name), ordersPerBlock, backend);
                results.get(name).client().add(cost[0]);
                results.get(name).server().add(cost[1]);
            }
        }
        String baseline = names.get(0);
        StringBuilder t = new StringBuilder("### ").append(heading).append("\n\n")
                .append("CPU µs per order, median of ").append(blocks).append(" blocks of ").append(ordersPerBlock)
                .append(" orders; ratio: median (10th–90th percentile) of each block's total over the baseline block beside it\n\n")
                .append("| placer | client (JVM) | server (backend) | total | total / ").append(baseline).append(" |\n")
                .append("|---|---:|---:|---:|---:|\n");
        for (String name : names) {
            Blocks b = results.get(name);
            double[] ratios = new double[blocks];
            for (int i = 0; i < blocks; i++) {
                ratios[i] = b.total(i) / results.get(baseline).total(i);
            }
            Arrays.sort(ratios);
            double[] totals = new double[blocks];
            for (int i = 0; i < blocks; i++) {
                totals[i] = b.total(i);
            }
            t.append("| ").append(name)
                    .append(" | ").append("%.0f".formatted(median(b.client()) / 1e3))
                    .append(" | ").append(serverSide ? "%.0f".formatted(median(b.server()) / 1e3) : "in the JVM")
                    .append(" | ").append("%.0f".formatted(median(totals) / 1e3))
                    .append(" | ").append("%.3f (%.3f–%.3f)".formatted(median(ratios), percentile(ratios, 0.10), percentile(ratios, 0.90)))
                    .append(" |\n");
            Benchmarks.log("%s, %s: total CPU ns per order by block %s", heading, name,
                    Arrays.toString(Arrays.stream(totals).mapToLong(Math::round).toArray()));
        }
        return t.append('\n').toString();
    }

    /** Client and server CPU nanoseconds per order over one block. */
    private double[] runBlock(OrderPlacer placer, int orders, long backend) throws Exception {
        SplittableRandom random = new SplittableRandom(seeds.getAsLong());
        long client = jvmCpuNanos();
        long server = backend > 0 ? cpuNanos(backend) : 0;
        for (int i = 0; i < orders; i++) {
            placer.place(OrderRequest.next(random));
        }
        long serverUsed = backend > 0 ? cpuNanos(backend) - server : 0;
        long clientUsed = jvmCpuNanos() - client;
        return new double[] {clientUsed / (double) orders, serverUsed / (double) orders};
    }

    private long backendPid() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select pg_backend_pid() as pid")) {
            rs.next();
            return rs.getLong("pid");
        }
    }

    /**
     * Time on CPU of a process on this machine, from the scheduler's own account in nanoseconds (a
     * PostgreSQL backend has one thread).
     */
    private static long cpuNanos(long pid) throws IOException {
        return schedstatNanos(Path.of("/proc", Long.toString(pid), "schedstat"));
    }

    /**
     * Time on CPU of every thread of this JVM (clients, compiler, collector), in nanoseconds: the
     * JVM's own process CPU time counts in clock ticks of 10 ms, too coarse for a block of orders.
     */
    private static long jvmCpuNanos() throws IOException {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    sum += schedstatNanos(task.resolve("schedstat"));
                } catch (IOException threadEnded) {
                    // a thread that ended between listing and reading: its time is lost alike for every placer
                }
            }
        }
        return sum;
    }

    private static long schedstatNanos(Path schedstat) throws IOException {
        String fields = Files.readString(schedstat).trim();
        return Long.parseLong(fields.substring(0, fields.indexOf(' ')));
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.round(p * (sorted.length - 1))];
    }
}
