package dev.jackal.core.oci.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jackal.core.oci.Descriptor;
import dev.jackal.core.oci.MediaTypes;
import dev.jackal.core.oci.Platform;
import java.time.Instant;
import java.util.List;

/** The image configuration and manifest of a built image, as JSON with a fixed field order. */
final class ImageDocuments {

    static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";

    private ImageDocuments() {}

    static ObjectNode config(
            ObjectMapper json,
            Platform platform,
            ImageConfig config,
            Instant created,
            List<LayerWriter.Written> layers) {
        ObjectNode doc = json.createObjectNode();
        doc.put("created", created.toString());
        doc.put("architecture", platform.architecture());
        if (platform.variant() != null) {
            doc.put("variant", platform.variant());
        }
        doc.put("os", platform.os());
        ObjectNode run = doc.putObject("config");
        if (!config.user().isEmpty()) {
            run.put("User", config.user());
        }
        if (!config.exposedPorts().isEmpty()) {
            ObjectNode ports = run.putObject("ExposedPorts");
            config.exposedPorts().forEach(p -> ports.putObject(p));
        }
        if (!config.env().isEmpty()) {
            ArrayNode env = run.putArray("Env");
            config.env().forEach((k, v) -> env.add(k + "=" + v));
        }
        strings(run, "Entrypoint", config.entrypoint());
        strings(run, "Cmd", config.cmd());
        if (!config.workingDir().isEmpty()) {
            run.put("WorkingDir", config.workingDir());
        }
        if (!config.labels().isEmpty()) {
            ObjectNode labels = run.putObject("Labels");
            config.labels().forEach(labels::put);
        }
        ObjectNode rootfs = doc.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(l -> diffIds.add(l.diffId().toString()));
        ArrayNode history = doc.putArray("history");
        layers.forEach(
                l -> history.addObject().put("created", created.toString()).put("created_by", "jackal"));
        return doc;
    }

    static ObjectNode manifest(ObjectMapper json, Descriptor config, List<LayerWriter.Written> layers) {
        ObjectNode doc = json.createObjectNode();
        doc.put("schemaVersion", 2);
        doc.put("mediaType", MediaTypes.OCI_MANIFEST);
        doc.set("config", descriptor(json, config));
        ArrayNode array = doc.putArray("layers");
        layers.forEach(l -> array.add(descriptor(json, l.blob())));
        return doc;
    }

    private static ObjectNode descriptor(ObjectMapper json, Descriptor descriptor) {
        ObjectNode node = json.createObjectNode();
        node.put("mediaType", descriptor.mediaType());
        node.put("digest", descriptor.digest().toString());
        node.put("size", descriptor.size());
        return node;
    }

    private static void strings(ObjectNode parent, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = parent.putArray(field);
            values.forEach(array::add);
        }
    }
}
