package org.scalelab.report.params;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.io.Json;

/**
 * Rejects {@code null} (YAML {@code null} or {@code ~}, JSON {@code null}) anywhere in a parameter
 * file. A record treats a missing key and a null one alike, so {@code gpus: null} would silently run
 * with the default; the rejection names the key and the default that removing it gives, which it
 * finds by binding the file without that key.
 */
final class NullValues {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private NullValues() {}

    /** The path of the first null value under {@code node} (a key's value or a list entry), or null. */
    static String first(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                String found = e.getValue().isNull() ? child : first(e.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String child = path + "[" + i + "]";
                String found = node.get(i).isNull() ? child : first(node.get(i), child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * The rejection of the null at {@code path} of {@code body}, which binds onto {@code type}:
     * {@code path: null is not allowed; remove the key to use the default 100, was null}.
     */
    static InvalidParameterException rejection(ObjectNode body, String path, Class<?> type) {
        if (path.endsWith("]")) {
            return new InvalidParameterException(path, "must not be empty (a list entry needs a value)", "null");
        }
        return new InvalidParameterException(path, "null is not allowed; " + remedy(body, path, type), "null");
    }

    /** What to do instead: remove the key (saying the default it gets), or give a value when it is required. */
    private static String remedy(ObjectNode body, String path, Class<?> type) {
        ObjectNode without = withoutNulls(body);
        Object bound;
        try {
            bound = ParameterFiles.bind(without, type);
        } catch (InvalidParameterException e) {
            return e.field().equals(path) ? "give a value (the key is required)" : "remove the key to use its default";
        } catch (RuntimeException e) {
            return "remove the key to use its default";
        }
        Object value = bound;
        for (String part : path.split("\\.")) {
            value = component(value, part);
            if (value == Unknown.VALUE) {
                return "remove the key to use its default";
            }
        }
        if (value == null) {
            return "remove the key to use its default (unset)";
        }
        if (value.getClass().isRecord()) {
            return "remove the key to use the defaults of its keys";
        }
        return "remove the key to use the default " + InvalidParameterException.oneLine(render(value), InvalidParameterException.MAX_VALUE_CHARS);
    }

    /** A copy of {@code node} without null keys or list entries. */
    private static ObjectNode withoutNulls(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> nulls = new java.util.ArrayList<>();
            o.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                }
            });
            o.remove(nulls);
            o.forEach(NullValues::strip);
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            for (int i = a.size() - 1; i >= 0; i--) {
                if (a.get(i).isNull()) {
                    a.remove(i);
                }
            }
            a.forEach(NullValues::strip);
        }
    }

    /** Marks a path this class cannot follow (a raw JSON subtree, a map). */
    private enum Unknown { VALUE }

    private static Object component(Object owner, String key) {
        if (owner == null || !owner.getClass().isRecord()) {
            return Unknown.VALUE;
        }
        for (RecordComponent c : owner.getClass().getRecordComponents()) {
            if (SNAKE.translate(c.getName()).equals(key)) {
                try {
                    return c.getAccessor().invoke(owner);
                } catch (ReflectiveOperationException e) {
                    return Unknown.VALUE;
                }
            }
        }
        return Unknown.VALUE;
    }

    private static String render(Object value) {
        if (value instanceof Double d) {
            return Check.format(d);
        }
        if (value instanceof Float f) {
            return Check.format(f);
        }
        if (value instanceof Enum<?> e) {
            return Json.enumValue(e);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(NullValues::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
