package dev.jackal.core.render;

import java.util.Map;

/**
 * One YAML document of Helm's rendered output.
 *
 * @param source the template it came from, as in Helm's {@code # Source:} comment (e.g. {@code app/templates/cm.yaml})
 * @param content the document text, without the {@code ---} separator and the source comment
 * @param apiVersion {@code apiVersion}, or empty
 * @param kind {@code kind}, or empty
 * @param name {@code metadata.name}, or empty
 * @param namespace {@code metadata.namespace}, or empty when the object does not name one
 * @param labels {@code metadata.labels}
 * @param annotations {@code metadata.annotations}
 */
public record RenderedDocument(
        String source,
        String content,
        String apiVersion,
        String kind,
        String name,
        String namespace,
        Map<String, String> labels,
        Map<String, String> annotations) {

    public RenderedDocument {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** Whether Helm runs this document as a hook rather than as part of the release. */
    public boolean hook() {
        return annotations.containsKey("helm.sh/hook");
    }

    /** Whether the document comes from a chart's {@code crds/} directory (Helm installs those before anything). */
    public boolean crd() {
        return ("/" + source).contains("/crds/");
    }

    /** {@code kind/name}, for messages. */
    public String describe() {
        return (kind.isEmpty() ? "object" : kind) + "/" + (name.isEmpty() ? "?" : name);
    }
}
