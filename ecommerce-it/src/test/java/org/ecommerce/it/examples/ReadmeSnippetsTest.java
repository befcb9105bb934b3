package org.ecommerce.it.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Java snippets of README.md are compiled and tested classes of this suite: a README block that
 * follows {@code <!-- snippet: ClassName -->} must equal the lines between {@code // snippet:start}
 * and {@code // snippet:end} in that class, indentation removed, or the whole file when it has no
 * markers (the quick start, imports and all); the quick start's {@code module-info.java} is the one
 * the consumer check compiles it with. Not a database test: it compares two files.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Path TESTS = Path.of("src", "test", "java");
    /** The consumer check's project, which compiles the quick start (copied from here) with this descriptor. */
    private static final Path CONSUMER_MODULE_INFO =
            Path.of("..", "ecommerce-consumer-it", "src", "it", "quickstart", "src", "main", "java", "module-info.java");

    @ParameterizedTest
    @ValueSource(strings = {"com/example/shop/QuickStart", "org/ecommerce/it/examples/JoinYourTransactionExample",
            "org/ecommerce/it/examples/ReadReplicaExample", "org/ecommerce/it/spring/CheckoutService"})
    void theReadmeShowsTheCompiledExampleWordForWord(String path) throws IOException {
        assertReadmeShows(path.substring(path.lastIndexOf('/') + 1), TESTS.resolve(path + ".java"));
    }

    @Test
    void theReadmeShowsTheQuickStartsModuleDescriptorAsTheConsumerCheckCompilesIt() throws IOException {
        assertReadmeShows("module-info", CONSUMER_MODULE_INFO);
    }

    private static void assertReadmeShows(String example, Path file) throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("<!-- snippet: " + example + " -->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find()).as("README.md has a java block marked <!-- snippet: %s -->", example).isTrue();

        String source = Files.readString(file, StandardCharsets.UTF_8);
        Matcher marked = Pattern.compile("// snippet:start\\n(.*?)\\n\\s*// snippet:end", Pattern.DOTALL).matcher(source);
        String shown = marked.find() ? dedent(marked.group(1)) : source;

        assertThat(block.group(1).strip()).isEqualTo(shown.strip());
    }

    /** The lines with their common leading spaces removed. */
    private static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
