package dev.jackal.injector.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares an object's YAML with {@code src/test/resources/golden/<name>}. Keys come in the model's property order
 * and map entries (labels, data) sorted, so the rendering is stable. Run with {@code -Djackal.golden.update=true}
 * to rewrite a golden file after a deliberate change (the test then fails once, so the change is reviewed).
 */
final class Golden {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private Golden() {}

    static String yaml(Object object) {
        try {
            return YAML.writeValueAsString(object);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertMatches(String name, Object object) throws IOException {
        String actual = yaml(object);
        if (Boolean.getBoolean("jackal.golden.update")) {
            Path file = Path.of("src/test/resources/golden", name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            fail("rewrote " + file + "; review it and run again without -Djackal.golden.update");
        }
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                fail("no golden file golden/" + name + "; run once with -Djackal.golden.update=true. Actual:\n"
                        + actual);
            }
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), actual, name);
        }
    }
}
