package dev.jackal.core.definition;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a model value of any type by walking its record components: every string is {@code text}, every
 * list has one entry, every map one entry keyed {@code text}, every enum takes its {@code variant}-th
 * constant. A component of a type it does not know fails, so a new kind of field cannot slip past the tests
 * that use it.
 */
final class ModelFiller {

    private final String text;
    private final int variant;
    private final Set<Class<?>> records = new LinkedHashSet<>();

    ModelFiller(String text, int variant) {
        this.text = text;
        this.variant = variant;
    }

    /** The record types built so far. */
    Set<Class<?>> records() {
        return records;
    }

    @SuppressWarnings("unchecked")
    <T> T fill(Class<T> type) {
        return (T) fill((Type) type);
    }

    private Object fill(Type type) {
        Class<?> raw = type instanceof ParameterizedType parameterized
                ? (Class<?>) parameterized.getRawType()
                : (Class<?>) type;
        if (raw == String.class) {
            return text;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return variant % 2 == 0;
        }
        if (raw == Integer.class || raw == int.class) {
            return 7 + variant;
        }
        if (raw == Long.class || raw == long.class) {
            return 7L + variant;
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants[variant % constants.length];
        }
        if (raw == List.class) {
            return List.of(fill(argument(type, 0)));
        }
        if (raw == Map.class) {
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put(fill(argument(type, 0)), fill(argument(type, 1)));
            return map;
        }
        if (raw.isRecord()) {
            return record(raw);
        }
        throw new IllegalArgumentException("no value for model type " + type + "; teach ModelFiller about it");
    }

    private Object record(Class<?> type) {
        records.add(type);
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = fill(components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " with '" + text + "'", e);
        }
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
