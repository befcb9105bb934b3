package org.ecommerce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;
import org.h2.jdbcx.JdbcDataSource;

/** An embedded H2 file database in a fresh temporary directory, deleted at the end. */
final class H2BenchDatabase implements BenchDatabase {

    private final Path directory;
    private final String url;

    H2BenchDatabase() throws IOException {
        this.directory = Files.createTempDirectory("ecommerce-bench-h2");
        // DB_CLOSE_DELAY=-1: the database stays open between pools instead of being reopened from disk
        this.url = "jdbc:h2:file:" + directory.resolve("ecommerce_bench") + ";" + EcommerceSchema.H2_URL_SETTINGS
                + ";DB_CLOSE_DELAY=-1" + urlOptions();
    }

    /** {@code bench.h2.url.options}: further settings appended to the URL (e.g. {@code ;CACHE_SIZE=65536}). */
    static String urlOptions() {
        String options = System.getProperty("bench.h2.url.options", "").trim();
        return options.isEmpty() || options.startsWith(";") ? options : ";" + options;
    }

    @Override
    public Engine engine() {
        return Engine.H2;
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public DataSource setupDataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    @Override
    public void close() throws SQLException, IOException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
