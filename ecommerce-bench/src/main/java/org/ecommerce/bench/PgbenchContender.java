package org.ecommerce.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ecommerce.schema.Engine;

/**
 * pgbench running the library's statements (the same SQL texts, as prepared statements) with the
 * workload's distributions: the server's own limit, without a JVM. Its transaction opens with an
 * explicit BEGIN (one more round trip than the JDBC driver, which sends BEGIN with the first
 * statement), so it is a slightly conservative limit.
 */
final class PgbenchContender implements Contender {

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private final Map<String, String> environment;
    private final Path script;

    PgbenchContender(PostgresBenchDatabase database) throws IOException {
        this.environment = database.libpqEnvironment();
        this.script = Files.createTempFile("ecommerce-bench-order", ".pgbench");
        script.toFile().deleteOnExit();
        Files.writeString(script, script(), StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "pgbench (c)";
    }

    @Override
    public double perSecond(int clients, Duration length) throws IOException, InterruptedException {
        int threads = Math.min(clients, Runtime.getRuntime().availableProcessors());
        ProcessBuilder builder = new ProcessBuilder("pgbench", "--no-vacuum", "--protocol=prepared",
                "--client=" + clients, "--jobs=" + threads, "--time=" + Math.max(1, length.toSeconds()),
                "--define=purchase=purchase", "--file=" + script).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher tps = TPS.matcher(output);
        if (exit != 0 || !tps.find() || output.contains("aborted")) {
            throw new IllegalStateException("pgbench failed (exit " + exit + "):\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    /** The script: the workload's random draws, then the library's statements with them bound. */
    static String script() {
        OrderStatements sql = OrderStatements.of(Engine.POSTGRESQL);
        int lines = OrderRequest.LINES;
        StringBuilder s = new StringBuilder();
        s.append("\\set customer random(1, ").append(OrderDataSet.CUSTOMERS).append(")\n");
        s.append("\\set key random(1, 4000000000000000000)\n");
        List<String> lineValues = new ArrayList<>();
        List<String> interactionValues = new ArrayList<>();
        List<String> products = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            s.append("\\set p").append(i).append(" random(").append(OrderRequest.bandStart(i - 1) + 1).append(", ")
                    .append(OrderRequest.bandEnd(i - 1)).append(")\n");
            s.append("\\set q").append(i).append(" random(1, ").append(OrderRequest.MAX_QUANTITY).append(")\n");
            s.append("\\set price").append(i).append(' ').append(OrderDataSet.pgbenchPriceOf("p" + i)).append('\n');
            s.append("\\set subtotal").append(i).append(" :q").append(i).append(" * :price").append(i).append('\n');
            products.add("p" + i);
            lineValues.addAll(List.of("id", "p" + i, "q" + i, "price" + i, "subtotal" + i));
            interactionValues.addAll(List.of("customer", "p" + i, "purchase", "placed_at"));
        }
        s.append("BEGIN;\n");
        s.append(bind(sql.findByKey(), List.of("customer", "key"))).append(";\n");
        // \gset keeps the row's columns (the address) in variables, as the library keeps its record
        s.append(bind(sql.payer(), List.of("customer", "customer"))).append(" \\gset\n");
        s.append(bind(sql.prices(lines), products)).append(";\n");
        s.append(bind(sql.insertOrder(), List.of("customer", "customer", "key"))).append(" \\gset\n");
        s.append(bind(sql.insertLines(lines), lineValues)).append(";\n");
        // the order number as tracking number: unique, and pgbench has no random strings
        s.append(bind(sql.insertDelivery(), List.of("id", "id", "address_building", "address_street", "address_city",
                "address_region", "address_postcode", "address_country"))).append(";\n");
        s.append(bind(sql.insertInteractions(lines), interactionValues)).append(";\n");
        s.append("COMMIT;\n");
        return s.toString();
    }

    /** {@code sql} with its {@code ?} placeholders replaced, in order, by the pgbench variables named. */
    private static String bind(String sql, List<String> variables) {
        StringBuilder bound = new StringBuilder();
        int next = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                bound.append(':').append(variables.get(next++));
            } else {
                bound.append(ch);
            }
        }
        if (next != variables.size()) {
            throw new IllegalArgumentException(variables.size() + " variables for " + next + " placeholders: " + sql);
        }
        return bound.toString();
    }
}
