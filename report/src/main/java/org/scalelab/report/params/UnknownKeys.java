package org.scalelab.report.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds the first key of a file that its record type does not have, before binding. Jackson
 * reports unknown keys only after constructing a record, so a misspelt required key would
 * otherwise read as "is required" instead of "unknown key".
 */
final class UnknownKeys {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private UnknownKeys() {}

    /** The offending path and the allowed keys there, or null when every key is known. */
    static String[] find(JsonNode node, Type type, String path) {
        Class<?> raw = rawClass(type);
        if (raw == null || node == null) {
            return null;
        }
        if (raw.isRecord() && node.isObject()) {
            Map<String, RecordComponent> byKey = Arrays.stream(raw.getRecordComponents())
                    .collect(Collectors.toMap(c -> SNAKE.translate(c.getName()), c -> c));
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                RecordComponent c = byKey.get(e.getKey());
                if (c == null) {
                    return new String[] {child, byKey.keySet().stream().sorted().collect(Collectors.joining(", "))};
                }
                String[] inner = find(e.getValue(), c.getGenericType(), child);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (Collection.class.isAssignableFrom(raw) && node.isArray() && type instanceof ParameterizedType pt) {
            for (int i = 0; i < node.size(); i++) {
                String[] inner = find(node.get(i), pt.getActualTypeArguments()[0], path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        return null;
    }
}
