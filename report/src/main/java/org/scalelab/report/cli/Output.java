package org.scalelab.report.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scalelab.report.io.Csv;
import org.scalelab.report.io.Json;

/**
 * Prints a result record in the chosen format. JSON is the record serialised by {@link Json};
 * the table and CSV views are derived from that same JSON, so the three never disagree. The table
 * is {@link HumanTable}: human units, one row per quantity with its source, nested results as
 * their own small tables. In CSV, every scalar (nested objects flattened to dotted keys, arrays of
 * numbers or text as their JSON) is a {@code key,value} row first, so the answer is always there;
 * then each array of objects follows after a blank line as its own table, its first column
 * {@code table} naming the array's dotted key.
 */
public final class Output {
    private Output() {}

    public static void print(PrintWriter out, OutputOptions.Format format, Object result) {
        print(out, format, result, Provenance.none());
    }

    /** As {@link #print(PrintWriter, OutputOptions.Format, Object)}, the table's source column from {@code provenance}. */
    public static void print(PrintWriter out, OutputOptions.Format format, Object result, Provenance provenance) {
        JsonNode root = Json.MAPPER.valueToTree(result);
        switch (format) {
            case json -> out.println(Json.write(root));
            case csv -> out.print(csv(root));
            case table -> out.print(HumanTable.render(root, provenance));
        }
        out.flush();
    }

    static String csv(JsonNode root) {
        Map<String, String> scalars = new LinkedHashMap<>();
        Map<String, List<Map<String, String>>> tables = new LinkedHashMap<>();
        if (root.isObject()) {
            collect("", root, scalars, tables);
        } else {
            scalars.put("value", text(root));
        }
        List<List<String>> cells = scalars.entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList();
        StringBuilder sb = new StringBuilder(Csv.write(List.of("key", "value"), cells));
        tables.forEach((name, rows) -> {
            List<String> header = new ArrayList<>(List.of("table"));
            header.addAll(header(rows));
            List<List<String>> body = rows.stream().map(r -> header.stream()
                    .map(h -> h.equals("table") ? name : r.getOrDefault(h, "")).toList()).toList();
            sb.append(System.lineSeparator()).append(Csv.write(header, body));
        });
        return sb.toString();
    }

    /** Scalars (dotted keys) into {@code scalars}; every array of objects, at any depth, into {@code tables}. */
    private static void collect(String prefix, JsonNode node, Map<String, String> scalars, Map<String, List<Map<String, String>>> tables) {
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                collect(key, v, scalars, tables);
            } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                List<Map<String, String>> rows = new ArrayList<>();
                for (JsonNode row : v) {
                    Map<String, String> flat = new LinkedHashMap<>();
                    flatten("", row, flat);
                    rows.add(flat);
                }
                tables.put(key, rows);
            } else {
                scalars.put(key, text(v));
            }
        }
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
}
