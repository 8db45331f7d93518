package dev.jackal.core.template;

import java.util.Objects;

/**
 * The value of one deploy-time template key.
 *
 * @param value the text (for {@code type: file}, the path of the file whose contents are used)
 * @param sensitive never shown: {@code **sanitized**} in output, logs and errors
 * @param autoIndent indent every following line of a multi-line value like the marker's line
 * @param file the value is a path; the file's contents are substituted
 */
public record TemplateValue(String value, boolean sensitive, boolean autoIndent, boolean file) {

    public TemplateValue {
        Objects.requireNonNull(value, "value");
    }

    public static TemplateValue plain(String value) {
        return new TemplateValue(value, false, false, false);
    }

    @Override
    public String toString() {
        return sensitive ? "**sanitized**" : value;
    }
}
