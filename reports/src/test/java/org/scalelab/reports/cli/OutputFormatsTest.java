package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.testing.CliRun;

/**
 * The three formats of every computing subcommand: CSV carries the whole answer (every top-level
 * scalar of the JSON, then the nested tables), the table stays readable (long text wraps), and its
 * source column says given / assumed / preset / computed as the HTML pages do.
 */
class OutputFormatsTest {
    /** {@code --out} folders: {@code @OUT} in an argument stands for this (a fixed /tmp path kept one run's folder for the next). */
    @TempDir
    static Path tmp;

    private static final String TMP = "@OUT";

    /** Every subcommand that computes an answer, with small inputs. */
    static Stream<List<String>> computing() {
        return Stream.of(
                List.of("scaling", "loss", "--params", "70e9", "--tokens", "1.4e12"),
                List.of("scaling", "optimal", "--compute-flops", "5.76e23"),
                List.of("scaling", "fit", "--data", "synthetic-isoflop", "--bootstrap", "5", "--seed", "11"),
                List.of("memory", "--params", "7.5e9", "--dp", "64", "--zero", "3"),
                List.of("memory", "max-model", "--zero", "3", "--offload", "optimizer-and-params", "--gpu-memory-gb", "32"),
                List.of("memory", "deepspeed", "--params", "2851e6", "--largest-layer-params", "32e6", "--gpus-per-node", "8",
                        "--nodes", "1", "--zero", "3"),
                List.of("cluster", "step", "--model", "gpt3-175b", "--seq", "2048", "--micro-batch", "1", "--grad-accum", "32",
                        "--gpu", "a100-80gb", "--gpus", "12288", "--tp", "8", "--pp", "8"),
                List.of("cluster", "collective", "--op", "all-gather", "--ranks", "8", "--bytes", "8e8", "--bandwidth-gb-per-s", "100"),
                List.of("cluster", "simulate", "--mtbf-hours", "3", "--checkpoint-seconds", "120", "--restart-seconds", "600",
                        "--interval", "daly", "--days", "5", "--replications", "4", "--seed", "11", "--threads", "1"),
                List.of("cluster", "checkpoint-interval", "--gpus", "16384", "--failures", "llama3", "--checkpoint-seconds", "60",
                        "--restart-seconds", "600"),
                List.of("plan", "--params", "7e9", "--gpus", "8", "--no-failures", "--out", TMP + "/scalelab-formats-plan"),
                List.of("kernels", "run", "--sizes", "32", "--kernels", "ikj", "--devices", "java", "--repeats", "1",
                        "--out", TMP + "/scalelab-formats-kernels"));
    }

    private static CliRun run(List<String> args, String format) {
        List<String> all = new ArrayList<>(args.stream().map(a -> a.replace(TMP, tmp.toString())).toList());
        all.addAll(List.of("--format", format));
        CliRun r = CliRun.run(all.toArray(String[]::new));
        assertEquals(0, r.exit(), args + ": " + r.err());
        return r;
    }

    @ParameterizedTest
    @MethodSource("computing")
    void csvCarriesEveryScalarOfTheJson(List<String> args) {
        JsonNode json = run(args, "json").json();
        String csv = run(args, "csv").out();
        Map<String, String> rows = keyValueRows(csv);
        assertTrue(scalarsFound("", json, rows, csv, args) > 0, args + ": no scalar in\n" + csv);
    }

    /** Every scalar outside arrays of objects (dotted below the top) is a key,value row; each array of objects a table. */
    private static int scalarsFound(String prefix, JsonNode node, Map<String, String> rows, String csv, List<String> args) {
        int n = 0;
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = prefix + e.getKey();
            JsonNode v = e.getValue();
            if (v.isObject()) {
                n += scalarsFound(key + ".", v, rows, csv, args);
            } else if (v.isArray() && v.size() > 0 && v.get(0).isObject()) {
                assertTrue(csv.lines().anyMatch(l -> l.startsWith(key + ",")), args + ": table " + key + " in\n" + csv);
            } else {
                String expected = v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
                assertEquals(expected, rows.get(key), args + ": " + key + " in\n" + csv);
                n++;
            }
        }
        return n;
    }

    @ParameterizedTest
    @MethodSource("computing")
    void tableLinesStayReadableWhateverTheCellLengths(List<String> args) {
        String table = run(args, "table").out();
        int widest = table.lines().mapToInt(String::length).max().orElse(0);
        assertTrue(widest <= 160, args + ": a line of " + widest + " characters\n" + table);
        assertTrue(!table.matches("(?s).*\\d\\.\\d+E-?\\d.*"), args + ": raw JSON numbers in\n" + table);
    }

    @Test
    void scalingLossSaysGivenAssumedComputed() {
        String t = run(List.of("scaling", "loss", "--params", "70e9", "--tokens", "1.4e12"), "table").out();
        assertSource(t, "params", "given");
        assertSource(t, "tokens", "given");
        assertSource(t, "law", "assumed: default epoch");
        assertSource(t, "loss", "computed");
    }

    @Test
    void clusterStepSaysGivenAssumedComputed() {
        String t = run(List.of("cluster", "step", "--model", "gpt3-175b", "--seq", "2048", "--micro-batch", "1",
                "--gpu", "a100-80gb", "--gpus", "64", "--tp", "8"), "table").out();
        assertSource(t, "tp", "given");
        assertSource(t, "gpu", "given");
        assertSource(t, "pp", "assumed: default 1");
        assertSource(t, "attention efficiency", "assumed: default");
        assertSource(t, "expert load imbalance", "assumed: default 1.0");
        assertSource(t, "a2a overlap", "assumed: default 0");
        assertSource(t, "dp", "computed");
        assertSource(t, "mfu", "computed");
        assertTrue(t.matches("(?s).*productive compute +[0-9.]+ (s|ms|min) .*"), "breakdown in seconds:\n" + t);
    }

    @Test
    void planSaysGivenPresetAssumedComputed() {
        String t = run(List.of("plan", "--params", "7e9", "--gpus", "8", "--no-failures", "--out", TMP + "/scalelab-formats-plan2"),
                "table").out();
        // 7e9 trains llama2-7b, so N is that shape's count (6.738e9), which the step times
        assertSource(t, "params", "computed: the chosen shape's count");
        assertSource(t, "gpus", "given");
        assertSource(t, "gpu", "assumed: default h100-sxm");
        assertSource(t, "gpu memory", "preset: h100-sxm");
        assertSource(t, "seq", "assumed: default");
        assertSource(t, "seed", "assumed: default");
        assertSource(t, "tokens", "computed: compute-optimal");
        assertSource(t, "layers", "preset: llama2-7b");
        assertSource(t, "mfu", "computed");
    }

    /** The first row labelled {@code label} has {@code source} in its source column. */
    private static void assertSource(String table, String label, String source) {
        String row = table.lines().filter(l -> l.matches("  " + label + "  +\\S.*")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + label + " in\n" + table));
        String[] cells = row.trim().split("  +");
        assertTrue(cells[cells.length - 1].startsWith(source), label + ": " + row + "\n" + table);
    }

    /** The key,value block that opens the CSV. */
    private static Map<String, String> keyValueRows(String csv) {
        Map<String, String> rows = new LinkedHashMap<>();
        List<String> lines = csv.lines().toList();
        assertEquals("key,value", lines.get(0), csv);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                break;
            }
            List<String> cells = cells(line);
            assertEquals(2, cells.size(), line);
            rows.put(cells.get(0), cells.get(1));
        }
        return rows;
    }

    /** RFC 4180 cells of one line. */
    private static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cur.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
