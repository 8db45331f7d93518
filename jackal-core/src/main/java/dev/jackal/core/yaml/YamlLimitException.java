package dev.jackal.core.yaml;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A YAML document goes beyond one of the {@link YamlLimits} or uses what they refuse. Carries the YAML path
 * ({@code components[0].images}) of the offending value and a one-line problem without any parser jargon;
 * the location is where the value starts.
 */
public final class YamlLimitException extends JsonParseException {
    private static final long serialVersionUID = 1L;

    private static final int MAX_SEGMENTS = 12;

    private final String yamlPath;
    private final String problem;

    private YamlLimitException(JsonParser parser, String yamlPath, String problem) {
        super(parser, problem, parser.currentTokenLocation());
        this.yamlPath = yamlPath;
        this.problem = problem;
    }

    static YamlLimitException at(JsonParser parser, String problem) {
        return new YamlLimitException(parser, path(parser), problem);
    }

    /** Where the offending value is, such as {@code components[0].images}; empty for the document. */
    public String yamlPath() {
        return yamlPath;
    }

    /** What is wrong, in one line. */
    public String problem() {
        return problem;
    }

    /** {@code 1 MiB}, {@code 512 KiB} or {@code 100 characters}. */
    static String size(int chars) {
        if (chars % (1024 * 1024) == 0) {
            return chars / (1024 * 1024) + " MiB";
        }
        return chars % 1024 == 0 ? chars / 1024 + " KiB" : chars + " characters";
    }

    private static String path(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        // a key that is itself the problem must not appear in the path (it may be megabytes long)
        if (parser.currentToken() == JsonToken.FIELD_NAME
                || parser.currentToken().isStructStart()) {
            context = context.getParent();
        }
        Deque<String> segments = new ArrayDeque<>();
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray()) {
                segments.push("[" + Math.max(0, context.getCurrentIndex()) + "]");
            } else if (context.getCurrentName() != null) {
                segments.push(context.getCurrentName());
            }
        }
        StringBuilder path = new StringBuilder();
        int shown = 0;
        for (String segment : segments) {
            if (shown++ == MAX_SEGMENTS) {
                // too deep to be worth reading: the line and column say where
                return path.append("…").toString();
            }
            if (path.length() > 0 && !segment.startsWith("[")) {
                path.append('.');
            }
            path.append(segment);
        }
        return path.toString();
    }
}
