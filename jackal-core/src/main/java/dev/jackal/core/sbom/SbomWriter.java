package dev.jackal.core.sbom;

import dev.jackal.core.JackalVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Writes CycloneDX 1.6 JSON. Output is deterministic: no timestamp, a serial number derived from the
 * subject, components in a fixed order; the same subject gives the same bytes.
 */
final class SbomWriter {

    private SbomWriter() {}

    static String write(Component subject, List<Component> components) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:"
                + UUID.nameUUIDFromBytes(
                        (subject.getName() + "\n" + subject.getVersion()).getBytes(StandardCharsets.UTF_8)));
        Metadata metadata = new Metadata();
        metadata.setTimestamp(null); // a timestamp would make every build differ
        metadata.setComponent(subject);
        ToolInformation tools = new ToolInformation();
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("jackal");
        tool.setVersion(JackalVersion.get());
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        bom.setMetadata(metadata);
        bom.setComponents(new ArrayList<>(components));
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString() + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the SBOM of " + subject.getName(), e);
        }
    }

    static Component component(Component.Type type, String name, String version, String purl) {
        Component component = new Component();
        component.setType(type);
        component.setName(name);
        if (version != null) {
            component.setVersion(version);
        }
        if (purl != null) {
            component.setPurl(purl);
            component.setBomRef(purl);
        } else {
            component.setBomRef(name);
        }
        return component;
    }

    static void sha256(Component component, String hex) {
        component.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, hex)));
    }

    static void properties(Component component, Map<String, String> values) {
        List<Property> properties = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            Property property = new Property();
            property.setName(entry.getKey());
            property.setValue(entry.getValue());
            properties.add(property);
        }
        component.setProperties(properties);
    }
}
