package dev.jackal.core.template;

import dev.jackal.core.event.EventHandler;
import dev.jackal.core.layout.PackageDialect;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deploy-time templating of text (spec §1.7B): every {@code ###JACKAL_X###} marker whose key is known is
 * replaced, line by line; unknown markers stay as they are. A multi-line value with {@code autoIndent}
 * gets, after each newline, as many spaces as there were characters before the marker; a {@code type: file}
 * value is replaced by the contents of the file it names.
 */
public final class DeployTemplater {

    /** Longest line handled; longer lines are kept as they are. */
    static final int MAX_LINE = 1024 * 1024;

    private final Map<String, TemplateValue> values;
    private final EventHandler events;
    private final PackageDialect dialect;
    private final Pattern marker;

    /**
     * @param values by full marker, e.g. {@code ###JACKAL_VAR_DOMAIN###}
     */
    public DeployTemplater(Map<String, TemplateValue> values, EventHandler events) {
        this(values, events, PackageDialect.JACKAL);
    }

    /**
     * @param values by full marker, e.g. {@code ###ZARF_VAR_DOMAIN###}
     * @param dialect whose markers to replace: {@code ###JACKAL_X###}, or {@code ###ZARF_X###} in a package built by
     *     Zarf
     */
    public DeployTemplater(Map<String, TemplateValue> values, EventHandler events, PackageDialect dialect) {
        this.values = Map.copyOf(values);
        this.events = events;
        this.dialect = dialect;
        this.marker = Pattern.compile(Pattern.quote(dialect.markerPrefix()) + "[A-Z0-9_]+###");
    }

    /** Whose markers this templater replaces. */
    public PackageDialect dialect() {
        return dialect;
    }

    /** Templates one line. */
    public String line(String line) {
        return line(line, false);
    }

    /**
     * Templates one line of a Helm template source. A value that holds {@code {{} or {@code }}} and lands
     * outside a template action is written as a Go string literal action, so Helm prints it as it is
     * instead of reading it as template code.
     */
    public String goTemplateLine(String line) {
        return line(line, true);
    }

    private String line(String line, boolean goTemplate) {
        if (line.length() > MAX_LINE || !line.contains(dialect.markerPrefix())) {
            return line;
        }
        Matcher matcher = marker.matcher(line);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            out.append(line, last, matcher.start());
            TemplateValue value = values.get(matcher.group());
            if (value == null) {
                out.append(matcher.group());
            } else {
                String text = resolve(matcher.group(), value);
                if (value.autoIndent()) {
                    text = text.replace("\n", "\n" + " ".repeat(matcher.start()));
                }
                if (goTemplate
                        && (text.contains("{{") || text.contains("}}"))
                        && !insideAction(line, matcher.start())) {
                    text = "{{ " + GoStrings.quote(text) + " }}";
                }
                out.append(text);
            }
            last = matcher.end();
        }
        return out.append(line, last, line.length()).toString();
    }

    /** Whether {@code index} sits inside a {@code {{ ... }}} action opened earlier on the line. */
    private static boolean insideAction(String line, int index) {
        String before = line.substring(0, index);
        return before.lastIndexOf("{{") > before.lastIndexOf("}}");
    }

    /** Templates a whole text, keeping its line endings. */
    public String text(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start < text.length()) {
            int newline = text.indexOf('\n', start);
            int end = newline < 0 ? text.length() : newline;
            out.append(line(text.substring(start, end)));
            if (newline >= 0) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out.toString();
    }

    /**
     * Templates {@code file} in place when it is UTF-8 text; binary files are left alone.
     *
     * @return whether the file was text
     */
    public boolean file(Path file) throws IOException {
        return file(file, false);
    }

    /** Templates a Helm template source file in place, as {@link #goTemplateLine} does each line. */
    public boolean goTemplateFile(Path file) throws IOException {
        return file(file, true);
    }

    private boolean file(Path file, boolean goTemplate) throws IOException {
        if (!isText(file)) {
            return false;
        }
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".template", ".tmp");
        try {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                    BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                int c;
                StringBuilder line = new StringBuilder();
                while ((c = in.read()) != -1) {
                    if (c == '\n') {
                        out.write(line(line.toString(), goTemplate));
                        out.write('\n');
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
                out.write(line(line.toString(), goTemplate));
            }
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private String resolve(String marker, TemplateValue value) {
        if (!value.file()) {
            return value.value();
        }
        Path path = Path.of(value.value());
        try {
            if (isText(path)) {
                return Files.readString(path, StandardCharsets.UTF_8);
            }
            events.warn("the file variable " + marker + " points at " + path + ", which is not a text file; the"
                    + " marker was dropped");
        } catch (IOException e) {
            events.warn("cannot read " + path + " for " + marker + ": " + e.getMessage() + "; the marker was dropped");
        }
        return "";
    }

    /** Whether {@code file} decodes as UTF-8 and has no NUL byte in its first 8 KiB. */
    static boolean isText(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8192);
            for (byte b : head) {
                if (b == 0) {
                    return false;
                }
            }
        }
        try (BufferedReader reader = new BufferedReader(new java.io.InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
            char[] buffer = new char[8192];
            while (reader.read(buffer) != -1) {
                // decoding the whole file proves it is UTF-8
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
