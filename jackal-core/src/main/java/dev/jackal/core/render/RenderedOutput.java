package dev.jackal.core.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.jackal.core.yaml.YamlLimits;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits Helm's rendered output ({@code ---} separated, each document after a {@code # Source:} comment). */
public final class RenderedOutput {

    private static final YAMLMapper YAML = YamlLimits.DOCUMENT.mapper().build();
    private static final String SOURCE = "# Source: ";

    private RenderedOutput() {}

    /** The documents of {@code output} that hold something; comment-only documents are dropped. */
    public static List<RenderedDocument> parse(String output) {
        List<RenderedDocument> documents = new ArrayList<>();
        String source = "";
        StringBuilder current = new StringBuilder();
        boolean started = false;
        int start = 0;
        while (start < output.length()) {
            int newline = output.indexOf('\n', start);
            int end = newline < 0 ? output.length() : newline;
            String line = output.substring(start, end);
            start = end + 1;
            if (line.startsWith("---") && line.substring(3).isBlank()) {
                add(documents, source, current);
                current.setLength(0);
                started = false;
            } else if (!started && line.startsWith(SOURCE)) {
                source = line.substring(SOURCE.length()).strip();
            } else {
                started |= !line.isBlank();
                current.append(line).append('\n');
            }
        }
        add(documents, source, current);
        return List.copyOf(documents);
    }

    private static void add(List<RenderedDocument> documents, String source, StringBuilder text) {
        String content = text.toString();
        JsonNode node;
        try {
            node = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw new RenderException(
                    source,
                    "the rendered template " + source + " is not valid YAML: " + e.getOriginalMessage()
                            + (e.getLocation() == null
                                    ? ""
                                    : " (line " + e.getLocation().getLineNr() + ")"),
                    e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        JsonNode metadata = node.path("metadata");
        documents.add(new RenderedDocument(
                source,
                content,
                node.path("apiVersion").asText(""),
                node.path("kind").asText(""),
                metadata.path("name").asText(""),
                metadata.path("namespace").asText(""),
                strings(metadata.path("labels")),
                strings(metadata.path("annotations"))));
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isNull()) {
                out.put(entry.getKey(), entry.getValue().asText());
            }
        }
        return out;
    }
}
