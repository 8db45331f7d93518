package dev.jackal.core.definition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.yaml.SafeQuoting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way a package definition becomes YAML. Field order follows the model and empty fields are left
 * out, so the same definition always gives the same bytes. A string is left unquoted only when every YAML
 * reader (1.1 or 1.2) reads it back as the same string ({@link SafeQuoting}).
 */
public final class DefinitionWriter {

    private static final YAMLMapper MAPPER = mapper(true);
    private static final YAMLMapper QUOTING = mapper(false);

    private DefinitionWriter() {}

    /** The definition as YAML text. */
    public static String toYaml(JackalPackage pkg) {
        try {
            return MAPPER.writeValueAsString(pkg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the package model cannot be written as YAML", e);
        }
    }

    /**
     * The definition as YAML with every string double-quoted: text templating can then escape values in one
     * known way.
     */
    public static String toQuotedYaml(JackalPackage pkg) {
        try {
            return QUOTING.writeValueAsString(pkg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the package model cannot be written as YAML", e);
        }
    }

    private static YAMLMapper mapper(boolean minimizeQuotes) {
        return YAMLMapper.builder(YAMLFactory.builder()
                        .stringQuotingChecker(SafeQuoting.INSTANCE)
                        .build())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .configure(YAMLGenerator.Feature.MINIMIZE_QUOTES, minimizeQuotes)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** Writes the definition to {@code file} (UTF-8). */
    public static void write(JackalPackage pkg, Path file) {
        try {
            Files.writeString(file, toYaml(pkg), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
