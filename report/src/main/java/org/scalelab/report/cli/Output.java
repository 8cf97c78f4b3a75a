package org.scalelab.report.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scalelab.report.io.Csv;
import org.scalelab.report.io.Json;

/**
 * Prints a result record in the chosen format. JSON is the record serialised by {@link Json};
 * the table and CSV views are derived from that same JSON, so the three never disagree. The table
 * is {@link HumanTable}: human units, one row per quantity with its source, nested results as
 * their own small tables. In CSV, scalar fields (nested objects flattened to dotted keys) become
 * {@code key,value} rows, or the first array of objects is printed alone when there is one.
 */
public final class Output {
    private Output() {}

    public static void print(PrintWriter out, OutputOptions.Format format, Object result) {
        JsonNode root = Json.MAPPER.valueToTree(result);
        switch (format) {
            case json -> out.println(Json.write(root));
            case csv -> out.print(csv(root));
            case table -> out.print(HumanTable.render(root));
        }
        out.flush();
    }

    static String table(JsonNode root) {
        Map<String, String> scalars = new LinkedHashMap<>();
        List<Map<String, String>> rows = new ArrayList<>();
        String rowsName = split(root, scalars, rows);
        StringBuilder sb = new StringBuilder();
        int width = scalars.keySet().stream().mapToInt(String::length).max().orElse(0);
        scalars.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%-" + width + "s  %s%n", k, v)));
        if (rowsName != null) {
            if (!scalars.isEmpty()) {
                sb.append(System.lineSeparator());
            }
            sb.append(aligned(rows));
        }
        return sb.toString();
    }

    static String csv(JsonNode root) {
        Map<String, String> scalars = new LinkedHashMap<>();
        List<Map<String, String>> rows = new ArrayList<>();
        String rowsName = split(root, scalars, rows);
        if (rowsName != null) {
            List<String> header = header(rows);
            List<List<String>> cells = rows.stream().map(r -> header.stream().map(h -> r.getOrDefault(h, "")).toList()).toList();
            return Csv.write(header, cells);
        }
        List<List<String>> cells = scalars.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
        return Csv.write(List.of("key", "value"), cells);
    }

    /** Splits the tree into flattened scalars and the first array of objects; returns that array's key or null. */
    private static String split(JsonNode root, Map<String, String> scalars, List<Map<String, String>> rows) {
        String rowsName = null;
        for (var it = root.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (rowsName == null && v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                rowsName = e.getKey();
                for (JsonNode row : v) {
                    Map<String, String> flat = new LinkedHashMap<>();
                    flatten("", row, flat);
                    rows.add(flat);
                }
            } else {
                flatten(e.getKey(), v, scalars);
            }
        }
        if (!root.isObject()) {
            scalars.put("value", text(root));
        }
        return rowsName;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), into));
        } else {
            into.put(prefix, text(node));
        }
    }

    private static String text(JsonNode node) {
        if (node.isNull()) {
            return ""; // an absent value is an empty cell, never the word null
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return node.toString();
    }

    private static List<String> header(List<Map<String, String>> rows) {
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(r -> keys.addAll(r.keySet()));
        return new ArrayList<>(keys);
    }

    private static String aligned(List<Map<String, String>> rows) {
        List<String> header = header(rows);
        int[] w = new int[header.size()];
        boolean[] numeric = new boolean[header.size()];
        for (int i = 0; i < w.length; i++) {
            String h = header.get(i);
            w[i] = h.length();
            numeric[i] = true;
            for (Map<String, String> r : rows) {
                String c = r.getOrDefault(h, "");
                w[i] = Math.max(w[i], c.length());
                numeric[i] &= c.isEmpty() || c.equals("null") || isNumber(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header, w, numeric);
        for (Map<String, String> r : rows) {
            appendRow(sb, header.stream().map(h -> r.getOrDefault(h, "")).toList(), w, numeric);
        }
        return sb.toString();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] w, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(String.format(Locale.ROOT, numeric[i] ? "%" + w[i] + "s" : "%-" + w[i] + "s", cells.get(i)));
            if (i < cells.size() - 1) {
                line.append("  ");
            }
        }
        sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
}
