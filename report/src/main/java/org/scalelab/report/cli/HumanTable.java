package org.scalelab.report.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --format table} view of a result: one row per quantity in human units with 3-4
 * significant digits (GB, B params, T tokens, days, TFLOP/s, %) and its source ("computed" unless
 * the result names one in a {@code sources} object or a {@code <key>_source} field), nested
 * objects and arrays of objects as their own small titled tables. The unit comes from the key's
 * suffix ({@code _bytes}, {@code _flops}, {@code _seconds}, ...), so JSON stays exact and the
 * table never disagrees with it. A byte count of exactly {@link Long#MAX_VALUE} is a result that
 * overflowed and was clamped there (memory's {@code per_gpu_bytes.saturated}), so it reads
 * {@code > 9223 PB (overflows; lower bound)}, never as the value.
 */
public final class HumanTable {
    private HumanTable() {}

    /** Text cells wrap at this many characters, so one long cell never widens every row. */
    static final int WRAP = 48;

    /** The table text of {@code root}, every number "computed" unless the result names its source. */
    public static String render(JsonNode root) {
        return render(root, Provenance.none());
    }

    /** The table text of {@code root}, its source column from {@code provenance}. */
    public static String render(JsonNode root, Provenance provenance) {
        StringBuilder sb = new StringBuilder();
        section(sb, "", "", root, null, "", provenance);
        return sb.toString();
    }

    private static final String[] UNITS = {"_gbit_per_s", "_gb_per_s", "_flops_per_s", "_bytes", "_flops", "_seconds", "_hours",
        "_days", "_gib", "_gb"};

    /** An interval's key ends so; it takes the unit of the quantity before it ({@code wall_seconds_ci}). */
    private static final String CI = "_ci";

    /** The unit suffix of a key ("_bytes"; "_seconds" of an interval {@code wall_seconds_ci}), or "". */
    static String unit(String key) {
        if (key.endsWith(CI) && key.length() > CI.length()) {
            return unit(key.substring(0, key.length() - CI.length()));
        }
        if (key.endsWith("gpu_hours")) {
            return ""; // GPU-hours are a count of GPU time, not a duration
        }
        for (String u : UNITS) {
            if (key.endsWith(u) || key.equals(u.substring(1))) {
                return u;
            }
        }
        return "";
    }

    /**
     * A child key of an object whose key carries a unit ({@code per_gpu_bytes.total}) takes that unit;
     * a child of an object of intervals ({@code time_breakdown_seconds_ci.lost}) is an interval in it.
     */
    private static String withUnit(String key, String inherited) {
        return inherited.isEmpty() || !unit(key).isEmpty() || key.endsWith(CI) ? key : key + inherited;
    }

    /** What a nested object's children inherit: its unit, and "_ci" when it holds intervals. */
    private static String inherited(String key, String declared, String fromParent) {
        String u = !declared.isEmpty() ? declared : unit(key).isEmpty() ? fromParent : unit(key);
        return key.endsWith(CI) && !u.endsWith(CI) ? u + CI : u;
    }

    private static void section(StringBuilder sb, String title, String path, JsonNode node, JsonNode inheritedSources,
            String inheritedUnit, Provenance provenance) {
        if (!node.isObject()) {
            sb.append(title.isEmpty() ? "value" : title).append("  ").append(human("", node)).append(System.lineSeparator());
            return;
        }
        JsonNode sources = node.has("sources") && node.get("sources").isObject() ? node.get("sources") : inheritedSources;
        List<List<String>> rows = new ArrayList<>();
        Map<String, JsonNode> nested = new LinkedHashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            if (key.equals("sources") && v.isObject() || key.endsWith("_source") && node.has(key.substring(0, key.length() - 7))) {
                continue;
            }
            if (v.isObject() || v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                nested.put(key, v);
                continue;
            }
            String unitKey = withUnit(key, inheritedUnit);
            String value = v.isArray() ? list(unitKey, v) : human(unitKey, v);
            String dotted = path.isEmpty() ? key : path + "." + key;
            boolean numeric = v.isNumber() || v.isArray() && v.size() > 0 && v.get(0).isNumber();
            String known = provenance.label(dotted, unitKey);
            String src = numeric || known != null || node.has(key + "_source") ? source(key, node, sources, known) : "";
            // A "-" (no value, or an interval without spread) has nothing to source, only a reason it is empty.
            if (value.equals("-") && !src.startsWith("none") && !src.startsWith("not ")) {
                src = "";
            }
            rows.add(List.of(label(key), value, src));
        }
        if (!rows.isEmpty()) {
            if (!title.isEmpty()) {
                sb.append(title).append(System.lineSeparator());
            }
            sb.append(aligned(List.of("quantity", "value", "source"), rows, false));
        }
        for (var e : nested.entrySet()) {
            if (sb.length() > 0) {
                sb.append(System.lineSeparator());
            }
            String t = (title.isEmpty() ? "" : title + " / ") + label(e.getKey());
            String dotted = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            String u = inherited(e.getKey(), provenance.unitOf(dotted), inheritedUnit);
            if (e.getValue().isObject()) {
                section(sb, t, dotted, e.getValue(), sources, u, provenance);
            } else {
                rowsTable(sb, t, e.getValue(), u);
            }
        }
    }

    private static void rowsTable(StringBuilder sb, String title, JsonNode array, String inheritedUnit) {
        Set<String> keys = new LinkedHashSet<>();
        array.forEach(r -> r.fieldNames().forEachRemaining(keys::add));
        List<String> header = new ArrayList<>(keys);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : array) {
            List<String> cells = new ArrayList<>();
            for (String k : header) {
                JsonNode v = r.get(k);
                String uk = withUnit(k, inheritedUnit);
                cells.add(v == null ? "" : v.isContainerNode() ? (v.isArray() ? list(uk, v) : compact(v)) : human(uk, v));
            }
            rows.add(cells);
        }
        sb.append(title).append(System.lineSeparator());
        sb.append(aligned(header.stream().map(HumanTable::label).toList(), rows, true));
    }

    private static String compact(JsonNode object) {
        List<String> parts = new ArrayList<>();
        object.fields().forEachRemaining(e -> parts.add(label(e.getKey()) + " " + (e.getValue().isContainerNode()
                ? e.getValue().toString() : human(e.getKey(), e.getValue()))));
        return String.join(", ", parts);
    }

    /** Numbers side by side; text items one per line (they are sentences, such as a plan's choices). */
    private static String list(String key, JsonNode array) {
        if (key.endsWith("_ci")) {
            // an interval takes the unit of its quantity (wall_seconds_ci in days, like wall_seconds), and one
            // without spread (a single replication, no failures) is no interval: "-", as the pages print it
            if (array.size() == 2 && array.get(0).isNumber() && array.get(0).asDouble() == array.get(1).asDouble()) {
                return "-";
            }
            key = key.substring(0, key.length() - 3);
        }
        String k = key;
        List<String> parts = new ArrayList<>();
        array.forEach(v -> parts.add(v.isContainerNode() ? v.toString() : human(k, v)));
        boolean text = array.size() > 0 && array.get(0).isTextual();
        return String.join(text ? "\n" : ", ", parts);
    }

    private static String source(String key, JsonNode node, JsonNode sources, String known) {
        if (node.has(key + "_source") && node.get(key + "_source").isTextual()) {
            return node.get(key + "_source").asText();
        }
        if (sources != null && sources.has(key) && sources.get(key).isTextual()) {
            return sources.get(key).asText();
        }
        return known != null ? known : Provenance.COMPUTED;
    }

    /** "per_gpu_bytes" -> "per gpu"; "inter_node_gbit_per_s" -> "inter node"; "wall_seconds_ci" -> "wall ci". */
    static String label(String key) {
        if (key.endsWith(CI) && key.length() > CI.length()) {
            return label(key.substring(0, key.length() - CI.length())) + " ci";
        }
        String u = unit(key);
        String k = u.isEmpty() || key.length() <= u.length() ? key : key.substring(0, key.length() - u.length());
        return k.replace('_', ' ');
    }

    /** A value in human units, chosen by the key's unit suffix. */
    static String human(String key, JsonNode v) {
        if (v == null || v.isNull()) {
            return "-";
        }
        if (!v.isNumber()) {
            return v.asText();
        }
        double x = v.asDouble();
        String k = key.toLowerCase(Locale.ROOT);
        if (k.endsWith("_bytes") || k.equals("bytes")) {
            String bytes = scaled(x, 1e3, new String[] {"B", "kB", "MB", "GB", "TB", "PB"});
            return saturated(v) ? "> " + bytes + " (overflows; lower bound)" : bytes;
        }
        if (k.endsWith("_gib")) {
            return sig(x) + " GiB";
        }
        if (k.endsWith("_gb")) {
            return sig(x) + " GB";
        }
        if (k.endsWith("_gb_per_s")) {
            return sig(x) + " GB/s";
        }
        if (k.endsWith("_gbit_per_s")) {
            return sig(x) + " Gbit/s";
        }
        if (k.endsWith("_flops_per_s")) {
            return scaled(x, 1e3, new String[] {"FLOP/s", "kFLOP/s", "MFLOP/s", "GFLOP/s", "TFLOP/s", "PFLOP/s", "EFLOP/s"});
        }
        if (k.endsWith("tflops") || k.endsWith("tflop_per_s")) {
            return sig(x) + " TFLOP/s";
        }
        if (k.endsWith("gflops") || k.startsWith("gflops")) {
            return sig(x) + " GFLOP/s";
        }
        if (k.endsWith("flops_per_token")) {
            return String.format(Locale.ROOT, "%.3e FLOPs/token", x).replace("e+", "e");
        }
        if (k.endsWith("_flops") || k.equals("flops")) {
            return String.format(Locale.ROOT, "%.3e FLOPs", x).replace("e+", "e");
        }
        if (k.equals("usd") || k.endsWith("_usd")) {
            return String.format(Locale.ROOT, "%,.0f USD", x);
        }
        if (k.endsWith("usd_per_gpu_hour")) {
            return sig(x) + " USD/GPU-hour";
        }
        if (k.endsWith("_seconds") || k.equals("seconds")) {
            return duration(x);
        }
        if (k.endsWith("gpu_hours")) {
            return String.format(Locale.ROOT, "%,.0f GPU-hours", x);
        }
        if (k.endsWith("_hours")) {
            return duration(x * 3600);
        }
        if (k.endsWith("_days")) {
            return sig(x) + " days";
        }
        if (k.endsWith("params") || k.endsWith("parameters") || k.endsWith("param_count")) {
            return count(x) + " params";
        }
        if (k.endsWith("tokens_per_second")) {
            return count(x) + " tokens/s";
        }
        if (k.endsWith("tokens") || k.endsWith("tokens_per_step") || k.endsWith("tokens_target")) {
            return count(x) + " tokens";
        }
        if ((k.contains("ettr") || k.contains("mfu") || k.contains("hfu") || k.contains("efficiency") || k.contains("fraction")
                || k.contains("utilization")) && Math.abs(x) <= 1.5) {
            return sig(100 * x) + " %";
        }
        if (v.isIntegralNumber()) {
            return v.asText();
        }
        return sig(x);
    }

    /** Whether {@code v} is a whole count clamped at {@link Long#MAX_VALUE} because it overflowed. */
    private static boolean saturated(JsonNode v) {
        return v.isIntegralNumber() && v.canConvertToLong() && v.asLong() == Long.MAX_VALUE;
    }

    private static String duration(double s) {
        double a = Math.abs(s);
        if (a < 120) {
            return sig(s) + " s";
        }
        if (a < 7200) {
            return sig(s / 60) + " min";
        }
        if (a < 48 * 3600) {
            return sig(s / 3600) + " h";
        }
        return sig(s / 86400) + " days";
    }

    private static String count(double x) {
        String[] suffix = {"", " K", " M", " B", " T"};
        int i = 0;
        double v = x;
        while (Math.abs(v) >= 1000 && i < suffix.length - 1) {
            v /= 1000;
            i++;
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%.3e", x).replace("e+", "e");
        }
        return sig(v) + suffix[i];
    }

    private static String scaled(double x, double step, String[] units) {
        int i = 0;
        double v = x;
        while (Math.abs(v) >= step && i < units.length - 1) {
            v /= step;
            i++;
        }
        return sig(v) + " " + units[i];
    }

    /** 4 significant digits, no exponent for everyday magnitudes: 144.0, 0.4312, 1.000e-05. */
    public static String sig(double x) {
        if (x == 0) {
            return "0";
        }
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        double a = Math.abs(x);
        if (a >= 1e6 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", x).replace("e+", "e");
        }
        int digits = Math.max(0, 3 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    private static String aligned(List<String> header, List<List<String>> rows, boolean rightAlignNumbers) {
        List<List<List<String>>> wrapped = new ArrayList<>();
        wrapped.add(header.stream().map(List::of).toList());
        rows.forEach(r -> wrapped.add(r.stream().map(HumanTable::wrap).toList()));
        int[] w = new int[header.size()];
        for (List<List<String>> r : wrapped) {
            for (int i = 0; i < w.length; i++) {
                for (String part : r.get(i)) {
                    w[i] = Math.max(w[i], part.length());
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        wrapped.forEach(r -> line(sb, r, w));
        return sb.toString();
    }

    /** One physical line per line of the tallest cell; the other cells are blank below their last line. */
    private static void line(StringBuilder sb, List<List<String>> cells, int[] w) {
        int height = cells.stream().mapToInt(List::size).max().orElse(1);
        for (int j = 0; j < height; j++) {
            StringBuilder l = new StringBuilder("  ");
            for (int i = 0; i < cells.size(); i++) {
                List<String> c = cells.get(i);
                l.append(String.format(Locale.ROOT, "%-" + w[i] + "s", j < c.size() ? c.get(j) : ""));
                if (i < cells.size() - 1) {
                    l.append("  ");
                }
            }
            sb.append(l.toString().stripTrailing()).append(System.lineSeparator());
        }
    }

    /** The cell's lines: its own line breaks, then word-wrapped at {@link #WRAP} characters. */
    static List<String> wrap(String cell) {
        List<String> out = new ArrayList<>();
        for (String para : cell.split("\n", -1)) {
            StringBuilder cur = new StringBuilder();
            for (String word : para.split(" ")) {
                if (cur.length() > 0 && cur.length() + 1 + word.length() > WRAP) {
                    out.add(cur.toString());
                    cur.setLength(0);
                }
                if (cur.length() > 0) {
                    cur.append(' ');
                }
                cur.append(word);
            }
            out.add(cur.toString());
        }
        return out;
    }
}
