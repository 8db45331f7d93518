package dev.jackal.core.wait;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of kubectl's JSONPath that waits need, evaluated on an object as JSON maps and lists:
 *
 * <ul>
 *   <li>fields: {@code {.status.phase}}, with {@code \.} for a dot inside a name
 *       ({@code {.metadata.labels.app\.kubernetes\.io/name}}) or brackets ({@code {.metadata.labels['a.b/c']}});
 *   <li>indexes, negative from the end: {@code {.spec.containers[0].image}}, {@code {.items[-1]}};
 *   <li>wildcards: {@code {.spec.containers[*].name}}, {@code {.metadata.labels.*}};
 *   <li>filters comparing a relative path with a literal, or testing that it exists:
 *       {@code {.status.conditions[?(@.type=="Ready")].status}}, {@code [?(@.ready!=true)]}, {@code [?(@.port)]}.
 * </ul>
 *
 * <p>Not supported (a clear error, never a silent mismatch): slices ({@code [0:2]}), unions ({@code [0,1]}),
 * recursive descent ({@code ..}), {@code range}/{@code end}, functions and other comparison operators.
 */
public final class JsonPath {

    private sealed interface Step permits Field, Index, Wildcard, Filter {}

    private record Field(String name) implements Step {}

    private record Index(int index) implements Step {}

    private record Wildcard() implements Step {}

    /** {@code [?(@.path OP literal)]}; {@code op} is {@code ==}, {@code !=}, or null for "exists". */
    private record Filter(List<Step> path, String op, String literal) implements Step {}

    private final String expression;
    private final List<Step> steps;

    private JsonPath(String expression, List<Step> steps) {
        this.expression = expression;
        this.steps = steps;
    }

    /**
     * Parses {@code {.a.b}} (braces required).
     *
     * @throws WaitException naming the unsupported or malformed part
     */
    public static JsonPath parse(String expression) {
        String text = expression.strip();
        if (text.length() < 2 || text.charAt(0) != '{' || text.charAt(text.length() - 1) != '}') {
            throw new WaitException(
                    "invalid JSONPath " + expression + ": it must be wrapped in braces, as in {.status.phase}");
        }
        String inner = text.substring(1, text.length() - 1).strip();
        if (inner.startsWith("$")) {
            inner = inner.substring(1);
        }
        return new JsonPath(text, new Parser(expression, inner).steps());
    }

    /** Every value the path selects in {@code root}, in document order; empty when nothing matches. */
    public List<Object> evaluate(Object root) {
        return evaluate(steps, root);
    }

    /** A selected scalar as kubectl prints it ({@code 3}, {@code true}, {@code Running}); empty for maps and lists. */
    public static Optional<String> scalar(Object value) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return Optional.empty();
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            BigDecimal decimal = new BigDecimal(value.toString()).stripTrailingZeros();
            return Optional.of(decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString());
        }
        return Optional.of(value.toString());
    }

    @Override
    public String toString() {
        return expression;
    }

    private static List<Object> evaluate(List<Step> steps, Object root) {
        List<Object> current = new ArrayList<>();
        current.add(root);
        for (Step step : steps) {
            List<Object> next = new ArrayList<>();
            for (Object node : current) {
                apply(step, node, next);
            }
            current = next;
        }
        return current;
    }

    private static void apply(Step step, Object node, List<Object> out) {
        if (step instanceof Field field) {
            if (node instanceof Map<?, ?> map && map.containsKey(field.name())) {
                out.add(map.get(field.name()));
            }
        } else if (step instanceof Index index) {
            if (node instanceof List<?> list) {
                int i = index.index() < 0 ? list.size() + index.index() : index.index();
                if (i >= 0 && i < list.size()) {
                    out.add(list.get(i));
                }
            }
        } else if (step instanceof Wildcard) {
            if (node instanceof Map<?, ?> map) {
                out.addAll(map.values());
            } else if (node instanceof List<?> list) {
                out.addAll(list);
            }
        } else if (step instanceof Filter filter && node instanceof List<?> list) {
            for (Object element : list) {
                if (matches(filter, element)) {
                    out.add(element);
                }
            }
        }
    }

    private static boolean matches(Filter filter, Object element) {
        List<Object> values = evaluate(filter.path(), element);
        if (filter.op() == null) {
            return !values.isEmpty();
        }
        boolean equal = values.stream()
                .map(JsonPath::scalar)
                .anyMatch(v -> v.isPresent() && v.get().equals(filter.literal()));
        return filter.op().equals("==") == equal;
    }

    /** A hand-written parser; positions in messages count from the first character inside the braces. */
    private static final class Parser {
        private final String expression;
        private final String text;
        private int pos;

        Parser(String expression, String text) {
            this.expression = expression;
            this.text = text;
        }

        List<Step> steps() {
            List<Step> steps = new ArrayList<>();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '.') {
                    pos++;
                    if (pos < text.length() && text.charAt(pos) == '.') {
                        throw unsupported("recursive descent (..)");
                    }
                    if (pos == text.length()) {
                        break;
                    }
                    if (text.charAt(pos) == '*') {
                        pos++;
                        steps.add(new Wildcard());
                    } else if (text.charAt(pos) != '[') {
                        steps.add(new Field(name()));
                    }
                } else if (c == '[') {
                    steps.add(bracket());
                } else if (steps.isEmpty()) {
                    steps.add(new Field(name()));
                } else {
                    throw invalid("unexpected '" + c + "' at position " + pos);
                }
            }
            return steps;
        }

        private String name() {
            StringBuilder name = new StringBuilder();
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    name.append(text.charAt(pos + 1));
                    pos += 2;
                } else if (c == '.' || c == '[') {
                    break;
                } else if (" =!()\"'".indexOf(c) >= 0) {
                    throw invalid("unexpected '" + c + "' at position " + pos);
                } else {
                    name.append(c);
                    pos++;
                }
            }
            if (name.isEmpty()) {
                throw invalid("empty field name at position " + pos);
            }
            return name.toString();
        }

        private Step bracket() {
            int close = closing(pos);
            String content = text.substring(pos + 1, close).strip();
            pos = close + 1;
            if (content.equals("*")) {
                return new Wildcard();
            }
            if (content.startsWith("?")) {
                return filter(content);
            }
            if (content.length() >= 2
                    && (content.charAt(0) == '\'' || content.charAt(0) == '"')
                    && content.charAt(content.length() - 1) == content.charAt(0)) {
                return new Field(content.substring(1, content.length() - 1));
            }
            if (content.contains(":")) {
                throw unsupported("slices ([" + content + "])");
            }
            if (content.contains(",")) {
                throw unsupported("unions ([" + content + "])");
            }
            try {
                return new Index(Integer.parseInt(content));
            } catch (NumberFormatException e) {
                throw invalid("[" + content + "] is neither an index, a quoted name, * nor a filter");
            }
        }

        private Step filter(String content) {
            String body = content.substring(1).strip();
            if (!body.startsWith("(") || !body.endsWith(")")) {
                throw invalid("a filter is written [?(@.field==\"value\")], not [" + content + "]");
            }
            body = body.substring(1, body.length() - 1).strip();
            int op = operator(body);
            String left = op < 0 ? body : body.substring(0, op).strip();
            if (!left.startsWith("@")) {
                throw invalid("a filter compares a path starting with @, not " + left);
            }
            List<Step> path = new Parser(expression, left.substring(1)).steps();
            if (op < 0) {
                return new Filter(path, null, null);
            }
            String literal = body.substring(op + 2).strip();
            if (literal.length() >= 2
                    && (literal.charAt(0) == '\'' || literal.charAt(0) == '"')
                    && literal.charAt(literal.length() - 1) == literal.charAt(0)) {
                literal = literal.substring(1, literal.length() - 1);
            } else if (literal.isEmpty() || literal.startsWith("@")) {
                throw unsupported("comparing with " + (literal.isEmpty() ? "nothing" : "another path"));
            }
            return new Filter(path, body.substring(op, op + 2), literal);
        }

        /** The index of {@code ==} or {@code !=} outside quotes, or -1; other operators are refused. */
        private int operator(String body) {
            char quote = 0;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if ((c == '=' || c == '!') && i + 1 < body.length() && body.charAt(i + 1) == '=') {
                    return i;
                } else if (c == '<' || c == '>' || c == '&' || c == '|' || c == '~') {
                    throw unsupported("the operator '" + c + "' in filters (only == and != are)");
                }
            }
            return -1;
        }

        /** The index of the ']' closing the '[' at {@code open}, skipping quoted text and nested brackets. */
        private int closing(int open) {
            int depth = 0;
            char quote = 0;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote != 0) {
                    quote = c == quote ? 0 : quote;
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '[') {
                    depth++;
                } else if (c == ']' && --depth == 0) {
                    return i;
                }
            }
            throw invalid("'[' at position " + open + " is never closed");
        }

        private WaitException invalid(String why) {
            return new WaitException("invalid JSONPath " + expression + ": " + why);
        }

        private WaitException unsupported(String what) {
            return new WaitException("JSONPath " + expression + " uses " + what + ", which jackal does not support;"
                    + " use fields, [n], [*] and [?(@.field==\"value\")]");
        }
    }
}
