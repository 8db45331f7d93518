package dev.jackal.core.render;

import dev.jackal.core.layout.PackageDialect;
import dev.jackal.core.state.ConnectString;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the post-render duties (spec §6.8) need to know about a chart's rendered output.
 *
 * @param namespaceObjects the {@code Namespace} objects, which jackal creates itself and takes out of the release
 * @param namespaces every namespace the release puts something in, the release namespace first
 * @param connectStrings from Services labelled {@code jackal.dev/connect-name} ({@code zarf.dev/connect-name} in a
 *     package built by Zarf)
 * @param resources every other object, for {@code --adopt-existing-resources}
 */
public record RenderPlan(
        List<RenderedDocument> namespaceObjects,
        Set<String> namespaces,
        Map<String, ConnectString> connectStrings,
        List<RenderedDocument> resources) {

    public static final String CONNECT_NAME = "jackal.dev/connect-name";
    public static final String CONNECT_DESCRIPTION = "jackal.dev/connect-description";
    public static final String CONNECT_URL = "jackal.dev/connect-url";

    public RenderPlan {
        namespaceObjects = List.copyOf(namespaceObjects);
        namespaces = Collections.unmodifiableSet(new LinkedHashSet<>(namespaces));
        connectStrings = Collections.unmodifiableMap(new LinkedHashMap<>(connectStrings));
        resources = List.copyOf(resources);
    }

    /** The plan for {@code documents} of a release installed into {@code releaseNamespace}. */
    public static RenderPlan of(List<RenderedDocument> documents, String releaseNamespace) {
        return of(documents, releaseNamespace, PackageDialect.JACKAL);
    }

    /** As {@link #of(List, String)}, with the connect labels of {@code dialect}. */
    public static RenderPlan of(List<RenderedDocument> documents, String releaseNamespace, PackageDialect dialect) {
        String connectName = dialect.labelDomain() + CONNECT_NAME.substring(CONNECT_NAME.indexOf('/'));
        String connectDescription =
                dialect.labelDomain() + CONNECT_DESCRIPTION.substring(CONNECT_DESCRIPTION.indexOf('/'));
        String connectUrl = dialect.labelDomain() + CONNECT_URL.substring(CONNECT_URL.indexOf('/'));
        List<RenderedDocument> namespaceObjects = new ArrayList<>();
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(releaseNamespace);
        Map<String, ConnectString> connect = new LinkedHashMap<>();
        List<RenderedDocument> resources = new ArrayList<>();
        for (RenderedDocument document : documents) {
            if (document.kind().equals("Namespace") && document.apiVersion().equals("v1")) {
                namespaceObjects.add(document);
                continue;
            }
            if (!document.namespace().isEmpty()) {
                namespaces.add(document.namespace());
            }
            String key = document.labels().get(connectName);
            if (document.kind().equals("Service") && key != null) {
                connect.put(
                        key,
                        new ConnectString(
                                document.annotations().getOrDefault(connectDescription, ""),
                                document.annotations().getOrDefault(connectUrl, "")));
            }
            resources.add(document);
        }
        for (RenderedDocument namespace : namespaceObjects) {
            namespaces.remove(namespace.name());
        }
        return new RenderPlan(namespaceObjects, namespaces, connect, resources);
    }

    /** The templates that emit {@code Namespace} objects. */
    public Set<String> namespaceSources() {
        Set<String> sources = new LinkedHashSet<>();
        namespaceObjects.forEach(n -> sources.add(n.source()));
        return sources;
    }
}
