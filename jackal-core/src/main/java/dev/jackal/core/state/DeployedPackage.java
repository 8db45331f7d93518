package dev.jackal.core.state;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jackal.core.model.JackalPackage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a package secret {@code jackal-package-<name>} (spec §6.9): what was deployed, at which
 * generation, and how each component stands. Read case-insensitively and ignoring unknown fields, as Zarf
 * and newer jackal versions may write more.
 *
 * @param name the package name
 * @param data the package definition as deployed
 * @param cliVersion the jackal version that deployed it
 * @param generation bumped by each deploy of the package
 * @param deployedComponents the components, in deploy order
 * @param componentWebhooks webhooks by component and name (kept as they are)
 * @param connectStrings how to reach the package's services
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeployedPackage(
        String name,
        JackalPackage data,
        String cliVersion,
        int generation,
        List<DeployedComponent> deployedComponents,
        Map<String, Map<String, Object>> componentWebhooks,
        Map<String, ConnectString> connectStrings) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true)
            .build();

    public DeployedPackage {
        deployedComponents = deployedComponents == null ? List.of() : List.copyOf(deployedComponents);
        // sorted, so the secret's JSON and the connect-string table come out the same in every run
        componentWebhooks =
                componentWebhooks == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(componentWebhooks));
        connectStrings = connectStrings == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(connectStrings));
    }

    /** A new record for a first deploy, or the next generation of {@code previous}. */
    public static DeployedPackage start(JackalPackage pkg, String cliVersion, DeployedPackage previous) {
        int generation = previous == null ? 1 : previous.generation() + 1;
        List<DeployedComponent> components = previous == null ? List.of() : previous.deployedComponents();
        Map<String, Map<String, Object>> hooks = previous == null ? Map.of() : previous.componentWebhooks();
        return new DeployedPackage(
                pkg.metadata().name(),
                pkg,
                cliVersion,
                generation,
                components,
                hooks,
                previous == null ? Map.of() : previous.connectStrings());
    }

    /** This record with {@code component} set (replacing an earlier entry of that name, else appended). */
    public DeployedPackage with(DeployedComponent component) {
        List<DeployedComponent> components = new ArrayList<>();
        boolean replaced = false;
        for (DeployedComponent existing : deployedComponents) {
            if (existing.name().equals(component.name())) {
                components.add(component);
                replaced = true;
            } else {
                components.add(existing);
            }
        }
        if (!replaced) {
            components.add(component);
        }
        return new DeployedPackage(name, data, cliVersion, generation, components, componentWebhooks, connectStrings);
    }

    /** This record without the component {@code componentName}. */
    public DeployedPackage without(String componentName) {
        List<DeployedComponent> components = deployedComponents.stream()
                .filter(c -> !c.name().equals(componentName))
                .toList();
        return new DeployedPackage(name, data, cliVersion, generation, components, componentWebhooks, connectStrings);
    }

    /** This record with more connect strings. */
    public DeployedPackage withConnectStrings(Map<String, ConnectString> more) {
        Map<String, ConnectString> all = new LinkedHashMap<>(connectStrings);
        all.putAll(more);
        return new DeployedPackage(name, data, cliVersion, generation, deployedComponents, componentWebhooks, all);
    }

    /** The JSON stored under the secret's {@code data} key. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the package record of " + name, e);
        }
    }

    /** Reads a package record; field names in any case. */
    public static DeployedPackage fromJson(String json) {
        try {
            return JSON.readValue(json, DeployedPackage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "the package secret does not hold a package record: " + e.getOriginalMessage(), e);
        }
    }

    /** The secret's name: {@code jackal-package-<name>}. */
    public static String secretName(String packageName) {
        return "jackal-package-" + packageName;
    }
}
