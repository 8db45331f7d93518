package dev.jackal.core.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.model.Component;
import dev.jackal.core.model.JackalPackage;
import dev.jackal.core.model.Metadata;
import dev.jackal.core.model.PackageKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code jackal.schema.json} (shipped for IDE completion) is generated from the model; this test fails when
 * they drift apart. To update the file: {@code ./mvnw -pl jackal-core test -Djackal.updateSchema=true}.
 */
class SchemaSyncTest {

    private static final Set<String> REQUIRED = Set.of(
            JackalPackage.class.getName() + ".kind",
            JackalPackage.class.getName() + ".metadata",
            JackalPackage.class.getName() + ".components",
            Metadata.class.getName() + ".name",
            Component.class.getName() + ".name");

    static String generate() throws Exception {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(
                        JacksonOption.RESPECT_JSONPROPERTY_REQUIRED, JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.DEFINITIONS_FOR_ALL_OBJECTS);
        config.forFields()
                .withRequiredCheck(field -> REQUIRED.contains(
                        field.getDeclaringType().getErasedType().getName() + "." + field.getName()));
        JsonNode schema = new SchemaGenerator(config.build()).generateSchema(JackalPackage.class);
        // a jackal.yaml takes jackal's kinds; the Zarf kinds of the model are only read from zarf.yaml
        ArrayNode kinds = (ArrayNode) schema.path("$defs").path("PackageKind").path("enum");
        for (int i = kinds.size() - 1; i >= 0; i--) {
            if (PackageDialect.of(PackageKind.valueOf(kinds.get(i).asText())) != PackageDialect.JACKAL) {
                kinds.remove(i);
            }
        }
        ((ObjectNode) schema).put("$id", "https://jackal.dev/schemas/jackal.schema.json");
        ((ObjectNode) schema)
                .put("title", "jackal.yaml: a Jackal package definition (JackalPackageConfig / JackalInitConfig)");
        return new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                        .writeValueAsString(new ObjectMapper().treeToValue(schema, java.util.TreeMap.class))
                + "\n";
    }

    @Test
    void shippedSchemaMatchesTheModel() throws Exception {
        Path file = Path.of(System.getProperty("jackal.schemaFile"));
        String generated = generate();
        if (Boolean.getBoolean("jackal.updateSchema")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "missing " + file + "; run with -Djackal.updateSchema=true");
        assertEquals(
                generated,
                Files.readString(file, StandardCharsets.UTF_8),
                "jackal.schema.json is out of date; run ./mvnw -pl jackal-core test -Djackal.updateSchema=true");
    }

    @Test
    void schemaForbidsUnknownKeysAndNamesTheRequiredOnes() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(generate());
        assertEquals(false, schema.get("additionalProperties").asBoolean(true));
        assertTrue(
                schema.get("required").toString().contains("components"),
                schema.get("required").toString());
        JsonNode kind = schema.get("properties").get("kind");
        String kindText = kind.toString() + schema.get("$defs");
        assertTrue(kindText.contains("JackalInitConfig"), kindText);
        assertFalse(kindText.contains("Zarf"), kindText);
    }
}
