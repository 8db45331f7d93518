package dev.jackal.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises the collections of model records: absent means empty, entries are never null, copies are immutable. */
final class Values {

    private Values() {}

    static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (T value : values) {
            if (value == null) {
                throw new ModelValueException(
                        field, "'" + field + "' has an empty entry; remove it or give it a value");
            }
        }
        return List.copyOf(values);
    }

    static <V> Map<String, V> map(Map<String, V> values, String field) {
        if (values == null) {
            return Map.of();
        }
        for (Map.Entry<String, V> entry : values.entrySet()) {
            if (entry.getValue() == null) {
                throw new ModelValueException(
                        field + "." + entry.getKey(),
                        "'" + field + "." + entry.getKey() + "' has no value; give it one or remove the key");
            }
        }
        // keep the author's order: serialised output must be deterministic and diff-friendly
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
