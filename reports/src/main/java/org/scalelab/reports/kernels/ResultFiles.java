package org.scalelab.reports.kernels;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.kernels.Measurement;
import org.scalelab.report.io.Json;
import org.scalelab.report.io.JsonInputs;

/**
 * Reads measurements that other runs wrote: {@code kernels run} output, the cuBLAS script, JMH
 * exports. A file that is not JSON, or not JSON of the expected shape, is rejected before any
 * measurement starts, naming the key ({@code result_files[0]}), the file and one line of reason;
 * its content is never echoed.
 */
final class ResultFiles {
    private static final ObjectMapper LENIENT = Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Largest result or JMH file read: 16 MB, thousands of times a real export (ours are under 40 KB). */
    static final long MAX_FILE_BYTES = 16L << 20;

    private ResultFiles() {}

    /** Measurements of one file, with its label ({@code date}/{@code machine} keys when present, else the file name). */
    record Shipped(String label, List<Measurement> rows) { }

    /** Every {@code *.json} under a folder, or the file itself; {@code key} is the list entry that named it. */
    static List<Path> expand(String key, String given, Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                return s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
            }
        }
        if (!Files.exists(p)) {
            throw new InvalidParameterException(key, "no such file or folder", given);
        }
        return List.of(p);
    }

    /** Reads a {@code kernels run} / cuBLAS-script result file, checking every row. */
    static Shipped readResults(String key, String given, Path file) {
        String name = file.getFileName().toString();
        JsonNode root = tree(key, given, file);
        if (!root.isObject() || !root.path("results").isArray()) {
            throw bad(key, given, name + " is not a 'scalelab kernels run' result (no \"results\" list)");
        }
        List<Measurement> rows = new ArrayList<>();
        JsonNode results = root.get("results");
        for (int i = 0; i < results.size(); i++) {
            rows.add(measurement(key, given, name + " results[" + i + "]", results.get(i)));
        }
        String label = name;
        if (root.hasNonNull("machine") || root.hasNonNull("date")) {
            label = (root.path("machine").asText("") + " " + root.path("date").asText("")).trim();
        }
        return new Shipped(label, rows);
    }

    private static Measurement measurement(String key, String given, String where, JsonNode row) {
        if (!row.isObject()) {
            throw bad(key, given, where + " is not a measurement (an object with kernel, n, seconds_compute, gflops)");
        }
        Measurement m;
        try {
            m = LENIENT.treeToValue(row, Measurement.class);
        } catch (IOException | IllegalArgumentException e) {
            throw bad(key, given, where + " is not a measurement (a field has the wrong type)");
        }
        String problem = m.kernel() == null || m.kernel().isBlank() ? "kernel is missing"
                : !row.path("n").isIntegralNumber() || m.n() < 1 ? "n must be an integer >= 1"
                : !(m.secondsCompute() > 0) || !Double.isFinite(m.secondsCompute()) ? "seconds_compute must be > 0"
                : !(m.gflops() > 0) || !Double.isFinite(m.gflops()) ? "gflops must be > 0"
                : null;
        if (problem != null) {
            throw bad(key, given, where + " is not a measurement: " + problem);
        }
        return m;
    }

    /**
     * One JMH result: benchmark name, matrix side (the {@code n} param) and GFLOP/s, converted
     * from the primary metric (ops/s in throughput mode, s/op or ms/op in average-time mode), and the
     * file it came from (a shipped export: another day and machine than this run).
     */
    record JmhPoint(String benchmark, int n, double gflops, String source) { }

    /** Reads a JMH JSON export ({@code -rf json}); benchmarks without an {@code n} param or a finite score are skipped. */
    static List<JmhPoint> readJmh(String key, String given, Path file) {
        String name = file.getFileName().toString();
        JsonNode root = tree(key, given, file);
        if (!root.isArray()) {
            throw bad(key, given, name + " is not a JMH JSON export (an array of benchmarks; run JMH with -rf json)");
        }
        List<JmhPoint> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode b = root.get(i);
            String where = name + " [" + i + "]";
            if (!b.isObject() || !b.path("benchmark").isTextual() || !b.path("primaryMetric").isObject()) {
                throw bad(key, given, where + " is not a JMH benchmark (an object with benchmark and primaryMetric)");
            }
            String bench = b.get("benchmark").asText();
            JsonNode n = b.path("params").path("n");
            if (n.isMissingNode()) {
                continue;
            }
            int side;
            try {
                side = Integer.parseInt(n.asText().strip());
            } catch (NumberFormatException e) {
                throw bad(key, given, where + ".params.n is not a matrix side (an integer >= 1)");
            }
            if (side < 1) {
                throw bad(key, given, where + ".params.n is not a matrix side (an integer >= 1)");
            }
            String unit = b.path("primaryMetric").path("scoreUnit").asText();
            JsonNode scoreNode = b.path("primaryMetric").path("score");
            if (!scoreNode.isNumber()) {
                continue; // "NaN" and infinities are written as strings
            }
            double score = scoreNode.asDouble();
            double flops = 2.0 * side * side * (double) side;
            double seconds = switch (unit) {
                case "ops/s" -> 1 / score;
                case "ops/ms" -> 1e-3 / score;
                case "s/op" -> score;
                case "ms/op" -> score * 1e-3;
                case "us/op" -> score * 1e-6;
                default -> Double.NaN;
            };
            if (seconds > 0 && Double.isFinite(seconds)) {
                JsonNode kernel = b.path("params").path("kernel");
                JsonNode device = b.path("params").path("device");
                String label = (kernel.isMissingNode() ? bench.substring(bench.lastIndexOf('.') + 1) : kernel.asText())
                        + (device.isMissingNode() ? "" : " @ " + device.asText());
                out.add(new JmhPoint(label, side, flops / seconds / 1e9, file.getFileName().toString()));
            }
        }
        return out;
    }

    /** The file as a JSON tree: at most {@link #MAX_FILE_BYTES}, UTF-8 (a byte-order mark allowed), JSON. */
    private static JsonNode tree(String key, String given, Path file) {
        return JsonInputs.read(key, given, file, MAX_FILE_BYTES, "a result file");
    }

    private static InvalidParameterException bad(String key, String given, String reason) {
        return new InvalidParameterException(key, reason, given);
    }
}
