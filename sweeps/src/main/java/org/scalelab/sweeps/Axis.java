package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.scalelab.common.InvalidParameterException;

/**
 * One axis of a sweep: a key path of the base parameter file (for example
 * {@code failures.mtbf_scale} or {@code cluster.gpus}) and the values it takes, in order.
 * Written in a sweep file either as a list ({@code [1024, 4096, 16384]}) or as a range
 * {@code {from, to, steps, scale: linear|log}}: {@code steps} values from {@code from} to
 * {@code to} inclusive, evenly spaced (linear) or with a constant ratio (log). A range whose ends
 * are whole numbers gives whole numbers where a value is whole to 1e-9 (so a log range of GPU
 * counts 1024 to 16384 in 5 steps is 1024, 2048, 4096, 8192, 16384, not 2047.9999).
 *
 * @param path   the key path in the base file, dot-separated snake_case keys
 * @param values the values, at least one; each is checked later by the base kind's own parser
 */
public record Axis(String path, List<JsonNode> values) {
    private static final Set<String> RANGE_KEYS = Set.of("from", "to", "steps", "scale");
    /** Longest key path: far beyond any real one (the longest today are under 40 characters). */
    private static final int MAX_PATH_CHARS = 200;
    private static final java.util.regex.Pattern KEY_PATH = java.util.regex.Pattern.compile("[A-Za-z0-9_]+(\\.[A-Za-z0-9_]+)*");

    public Axis {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new InvalidParameterException("axes." + path, "must have at least one value", "[]");
        }
    }

    /** Number of values. */
    public int size() {
        return values.size();
    }

    /**
     * Reads the axis at {@code path} from a sweep file's {@code axes:} entry.
     *
     * @throws InvalidParameterException naming {@code axes.<path>} (or its range key) when the entry
     *     is neither a non-empty list of scalars nor a valid range; {@code axes} when the path is not
     *     keys joined by dots
     */
    public static Axis parse(String path, JsonNode node) {
        if (path.length() > MAX_PATH_CHARS || !KEY_PATH.matcher(path).matches()) {
            throw new InvalidParameterException("axes", "each key must be a key path of the base: snake_case keys joined by dots "
                    + "(cluster.gpus), at most " + MAX_PATH_CHARS + " characters", path.isEmpty() ? "an empty key" : path);
        }
        String field = "axes." + path;
        if (node.isArray()) {
            List<JsonNode> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode v = node.get(i);
                if (!v.isValueNode() || v.isNull()) {
                    throw new InvalidParameterException(field + "[" + i + "]", "must be a number, a string or true/false", v);
                }
                values.add(v);
            }
            return new Axis(path, values);
        }
        if (node.isObject()) {
            return range(path, (ObjectNode) node);
        }
        throw new InvalidParameterException(field, "must be a list of values or {from, to, steps, scale}", node);
    }

    private static Axis range(String path, ObjectNode range) {
        String field = "axes." + path;
        for (Iterator<String> it = range.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!RANGE_KEYS.contains(k)) {
                throw new InvalidParameterException(field + "." + k, "unknown key (allowed: from, scale, steps, to)", range.get(k));
            }
        }
        double from = number(field + ".from", range.get("from"));
        double to = number(field + ".to", range.get("to"));
        JsonNode stepsNode = range.get("steps");
        // no range can have more values than a grid has points
        if (stepsNode == null || !stepsNode.canConvertToExactIntegral() || stepsNode.asLong() < 1 || stepsNode.asLong() > Grid.MAX_POINTS) {
            throw new InvalidParameterException(field + ".steps", "must be an integer from 1 to " + Grid.MAX_POINTS,
                    stepsNode == null ? "missing" : stepsNode);
        }
        int steps = stepsNode.asInt();
        JsonNode scaleNode = range.get("scale");
        String scale = scaleNode == null ? "linear" : scaleNode.asText();
        if (scaleNode != null && !scaleNode.isTextual() || !scale.equals("linear") && !scale.equals("log")) {
            throw new InvalidParameterException(field + ".scale", "must be one of linear, log", scaleNode);
        }
        if (scale.equals("log") && !(from > 0 && to > 0)) {
            throw new InvalidParameterException(field + (from > 0 ? ".to" : ".from"), "must be > 0 for scale: log", from > 0 ? to : from);
        }
        boolean whole = range.get("from").canConvertToExactIntegral() && range.get("to").canConvertToExactIntegral();
        List<JsonNode> values = new ArrayList<>(steps);
        for (int i = 0; i < steps; i++) {
            double t = steps == 1 ? 0 : (double) i / (steps - 1);
            double raw = i == steps - 1 ? to : scale.equals("log") ? from * Math.pow(to / from, t) : from + (to - from) * t;
            // 12 significant digits: a log range from 1e21 to 1e24 gives 1e22, not 9.999999999999998e21
            double v = new java.math.BigDecimal(raw).round(new java.math.MathContext(12)).doubleValue();
            double r = Math.rint(v);
            // a whole number stays whole only where a double holds every integer (2^53): budgets of
            // 1e21 FLOPs and more are written as doubles, not clamped to Long.MAX_VALUE
            boolean asWhole = whole && Math.abs(r) <= MAX_EXACT_WHOLE && Math.abs(v - r) <= 1e-9 * Math.max(1, Math.abs(v));
            values.add(asWhole ? LongNode.valueOf((long) r) : DoubleNode.valueOf(v));
        }
        return new Axis(path, values);
    }

    /** Largest whole number a double represents exactly, 2⁵³. */
    private static final double MAX_EXACT_WHOLE = 9_007_199_254_740_992.0;

    private static double number(String field, JsonNode n) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            throw new InvalidParameterException(field, "must be a finite number", n == null ? "missing" : n);
        }
        return n.asDouble();
    }
}
