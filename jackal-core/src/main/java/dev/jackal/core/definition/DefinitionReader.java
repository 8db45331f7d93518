package dev.jackal.core.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.ModelValueException;
import dev.jackal.core.model.PackageKind;
import dev.jackal.core.text.Levenshtein;
import dev.jackal.core.yaml.YamlLimitException;
import dev.jackal.core.yaml.YamlLimits;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code jackal.yaml}. Every failure becomes a {@link DefinitionException} naming the file, line,
 * column and YAML path, with a suggestion where one helps.
 */
public final class DefinitionReader {

    /** How strict to be about fields the model does not know. */
    public enum Strictness {
        /** Authoring ({@code package create}): an unknown key is an error, as the JSON schema says. */
        STRICT,
        /** Reading a built package: unknown keys are ignored, so newer packages still load. */
        LENIENT
    }

    /** The largest definition read; anything bigger is not a hand-written definition. */
    static final long MAX_BYTES = YamlLimits.DEFINITION.maxChars();

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']+)'");
    private static final YAMLMapper STRICT = mapper(true);
    private static final YAMLMapper LENIENT = mapper(false);

    private DefinitionReader() {}

    /** Reads and binds {@code file}. */
    public static Definition read(Path file, Strictness strictness) {
        String yaml;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw DefinitionException.of(file, tooLong("the file is larger than"));
            }
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw DefinitionException.of(
                    file,
                    "no package definition here; create " + file.getFileName()
                            + " or point at the directory that has one");
        } catch (MalformedInputException e) {
            throw DefinitionException.of(file, "the file is not UTF-8 text");
        } catch (IOException e) {
            throw DefinitionException.of(file, "cannot read the file: " + e.getMessage());
        }
        return parse(file, yaml, strictness);
    }

    /** Binds {@code yaml} as if read from {@code file}. */
    public static Definition parse(Path file, String yaml, Strictness strictness) {
        if (yaml.length() > YamlLimits.DEFINITION.maxChars()) {
            throw DefinitionException.of(file, tooLong("the definition is longer than"));
        }
        YAMLMapper mapper = strictness == Strictness.STRICT ? STRICT : LENIENT;
        JackalPackage pkg;
        try (JsonParser parser = YamlLimits.DEFINITION.guard(mapper.createParser(yaml))) {
            // no first token: an empty document (Jackson would call it a type mismatch)
            pkg = parser.nextToken() == null ? null : mapper.readValue(parser, JackalPackage.class);
        } catch (JsonProcessingException e) {
            throw translate(file, yaml, e);
        } catch (IOException e) {
            throw DefinitionException.of(file, "cannot read the definition: " + e.getMessage());
        }
        if (pkg == null) {
            throw DefinitionException.of(
                    file, "the file is empty; a definition needs at least 'kind', 'metadata' and" + " 'components'");
        }
        return new Definition(pkg, SourceMap.of(file, yaml));
    }

    private static DefinitionException translate(Path file, String yaml, JsonProcessingException e) {
        // limits first: mapping an absurd document for locations would cost what the limits save
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof YamlLimitException limit) {
                SourceLocation at = location(file, limit.getLocation()).orElseGet(() -> new SourceLocation(file, 0, 0));
                return DefinitionException.of(at, limit.yamlPath(), limit.problem());
            }
            if (String.valueOf(cause.getMessage()).contains("code points")) {
                // SnakeYAML's code point limit: the document, not one value, is too long
                return DefinitionException.of(file, tooLong("the definition is longer than"));
            }
        }
        SourceMap sourceMap = SourceMap.of(file, yaml);
        String path = e instanceof JsonMappingException mapping ? path(mapping.getPath()) : "";
        if (e instanceof ValueInstantiationException && e.getCause() instanceof ModelValueException bad) {
            path = path.isEmpty() ? bad.field() : path + "." + bad.field();
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        boolean isDuplicate = duplicate.find();
        if (isDuplicate) {
            path = path.isEmpty() ? duplicate.group(1) : path + "." + duplicate.group(1);
        }
        // the source map points at the key the user wrote; the parser's position is where it stopped
        SourceLocation location = sourceMap.hasExactly(path) && !isDuplicate
                ? sourceMap.locate(path)
                : location(file, e.getLocation()).orElseGet(() -> sourceMap.locate(""));
        return DefinitionException.of(location, path, describe(e, file));
    }

    private static String tooLong(String what) {
        return what + " " + YamlLimits.DEFINITION.maxChars() / 1024 / 1024
                + " MiB, the limit for a package definition (it names files, charts and images; it does not hold"
                + " them)";
    }

    private static String describe(JsonProcessingException e, Path file) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            String name = unknown.getPropertyName();
            String suggestion =
                    closest(name, known).map(c -> "; did you mean '" + c + "'?").orElse("");
            return "unknown field '" + name + "'" + suggestion + " (known here: "
                    + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof InvalidFormatException format
                && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            String allowed = allowedConstants(format.getTargetType(), file).stream()
                    .map(DefinitionReader::enumName)
                    .collect(Collectors.joining(", "));
            return "'" + format.getValue() + "' is not allowed; use one of: " + allowed;
        }
        if (e instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return instantiation.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "expected " + expected(mismatch.getTargetType());
        }
        String message = e.getOriginalMessage();
        if (message != null && message.startsWith("Duplicate field")) {
            return "this key appears twice in the same mapping; keep one";
        }
        return "not valid YAML: " + (message == null ? "cannot parse" : yamlProblem(message));
    }

    /** The values an enum field takes; a kind only takes the kinds of the file's dialect. */
    private static List<?> allowedConstants(Class<?> type, Path file) {
        if (type == PackageKind.class) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            return name.equals(PackageDialect.ZARF.definitionFile())
                    ? PackageDialect.ZARF.kinds()
                    : PackageDialect.JACKAL.kinds();
        }
        return Arrays.asList(type.getEnumConstants());
    }

    private static String expected(Class<?> type) {
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)) {
            return "a list (entries starting with '- ')";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of 'key: value' lines";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a single text value";
        }
        return "a value of type " + type.getSimpleName();
    }

    private static String enumName(Object constant) {
        try {
            var field = constant.getClass().getField(((Enum<?>) constant).name());
            var property = field.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return property != null ? property.value() : ((Enum<?>) constant).name();
        } catch (NoSuchFieldException e) {
            return ((Enum<?>) constant).name();
        }
    }

    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Optional<SourceLocation> location(Path file, JsonLocation location) {
        if (location == null || location.getLineNr() <= 0) {
            return Optional.empty();
        }
        return Optional.of(new SourceLocation(file, location.getLineNr(), Math.max(1, location.getColumnNr())));
    }

    static Optional<String> closest(String name, Collection<Object> candidates) {
        return candidates.stream()
                .map(String::valueOf)
                .filter(c ->
                        Levenshtein.distance(c.toLowerCase(), name.toLowerCase()) <= Math.max(2, name.length() / 3))
                .min(Comparator.comparingInt(c -> Levenshtein.distance(c.toLowerCase(), name.toLowerCase())));
    }

    /** SnakeYAML's context and problem lines, without its position and caret lines. */
    private static String yamlProblem(String message) {
        return message.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty()
                        && !line.startsWith("in '")
                        && !line.startsWith("^")
                        && !line.startsWith("at [Source"))
                .filter(line -> !line.contains("\"") || line.startsWith("found") || line.startsWith("while"))
                .collect(Collectors.joining(", "));
    }

    private static YAMLMapper mapper(boolean strict) {
        return YamlLimits.DEFINITION
                .mapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false)
                .configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false)
                .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, true)
                .build();
    }
}
