package dev.jackal.core.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The bounds of every YAML document jackal parses, so that an absurd document (a huge value, deep nesting, an
 * alias bomb) is refused at once instead of filling the memory or running for minutes. Every YAML parser in
 * jackal is built here.
 *
 * @param maxChars the longest document, in characters
 * @param maxScalarChars the longest single value, in characters
 * @param maxKeyChars the longest key, in characters (YAML itself caps a plain key at 1024; {@code ? key} has
 *     no such cap)
 * @param maxDepth the deepest nesting of mappings and lists
 * @param aliases whether aliases ({@code *name}) are accepted; Jackson binds an alias as its name, not as
 *     the value it stands for, so where a wrong value matters they are refused
 */
public record YamlLimits(int maxChars, int maxScalarChars, int maxKeyChars, int maxDepth, boolean aliases) {

    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    /**
     * A package definition: the largest real ones are tens of KiB (a built one with hundreds of images, a few
     * hundred); a value is a name, a path, a URL or a script (an action {@code cmd}, a variable default holding
     * a certificate or a config file), never file contents. SnakeYAML scans one to a few MiB a second on a busy
     * machine, so refusing even the largest document takes seconds.
     */
    public static final YamlLimits DEFINITION = new YamlLimits(4 * MIB, MIB, 4 * KIB, 64, false);

    /**
     * YAML from charts and packages that is not a definition: {@code Chart.yaml}, a chart repository's
     * {@code index.yaml} (tens of MiB for the largest public repositories) and rendered manifests (a
     * ConfigMap value can approach Kubernetes' 1.5 MiB object limit).
     */
    public static final YamlLimits DOCUMENT = new YamlLimits(64 * MIB, 16 * MIB, 64 * KIB, 256, true);

    /** Options for SnakeYAML itself (composing node trees). */
    public LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxChars);
        options.setNestingDepthLimit(maxDepth);
        options.setMaxAliasesForCollections(aliases ? 100 : 0);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /**
     * A Jackson YAML factory that enforces these limits. Jackson's own checks sit one above them: they are the
     * backstop for parsers not wrapped by {@link #guard}, which reports the same limits with the field's path.
     */
    public YAMLFactory factory() {
        return YAMLFactory.builder()
                .loaderOptions(loaderOptions())
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(maxChars + 1L)
                        .maxStringLength(maxScalarChars + 1)
                        .maxNameLength(maxKeyChars + 1)
                        .maxNestingDepth(maxDepth + 1)
                        .build())
                // the builder drops this default of new YAMLFactory(): an empty list entry is null, not ""
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                .build();
    }

    /** A Jackson YAML mapper builder that enforces these limits. */
    public YAMLMapper.Builder mapper() {
        return YAMLMapper.builder(factory());
    }

    /** {@code parser}, checked token by token against these limits. */
    public JsonParser guard(JsonParser parser) {
        return new LimitedParser(parser, this);
    }
}
