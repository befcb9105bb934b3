package org.ecommerce.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ecommerce.schema.EcommerceSchema;
import org.ecommerce.schema.Engine;

/**
 * The versions of the migrations the library ships for an engine, read from its Flyway locations
 * on the class path: what an empty database gets. Tests count these instead of writing a number
 * that every new migration would have to change.
 */
public final class ShippedMigrations {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__[^/]*\\.sql");

    private ShippedMigrations() {
    }

    /** Every version shipped for {@code engine} (portable and engine-specific), in ascending order. */
    public static List<String> versions(Engine engine) {
        List<Integer> versions = new ArrayList<>();
        for (String location : List.of(Engine.COMMON_LOCATION, engine.migrationLocation())) {
            for (String name : fileNames(location.substring("classpath:".length()))) {
                Matcher m = VERSIONED.matcher(name);
                if (m.matches()) {
                    versions.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        return versions.stream().sorted(Comparator.naturalOrder()).map(String::valueOf).toList();
    }

    /** How many migrations an empty database of {@code engine} gets. */
    public static int count(Engine engine) {
        return versions(engine).size();
    }

    /** The versions after {@code version}, in order: what a database at {@code version} gets. */
    public static List<String> after(Engine engine, int version) {
        return versions(engine).stream().filter(v -> Integer.parseInt(v) > version).toList();
    }

    /** File names directly in a class-path folder, from a directory or a jar (the reactor hands either). */
    private static List<String> fileNames(String folder) {
        URL url = EcommerceSchema.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no migrations on the class path at " + folder);
        }
        try {
            if (url.getProtocol().equals("file")) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    return files.map(p -> p.getFileName().toString()).toList();
                }
            }
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            List<String> names = new ArrayList<>();
            try (JarFile jar = connection.getJarFile()) {
                String prefix = folder + "/";
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(prefix) && name.length() > prefix.length() && name.indexOf('/', prefix.length()) < 0) {
                        names.add(name.substring(prefix.length()));
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
