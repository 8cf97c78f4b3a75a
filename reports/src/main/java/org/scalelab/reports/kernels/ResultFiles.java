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

/** Reads measurements that other runs wrote: {@code kernels run} output, the cuBLAS script, JMH exports. */
final class ResultFiles {
    private static final ObjectMapper LENIENT = Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultFiles() {}

    /** Measurements of one file, with its label ({@code date}/{@code machine} keys when present, else the file name). */
    record Shipped(String label, List<Measurement> rows) { }

    /** Every {@code *.json} under a folder, or the file itself. */
    static List<Path> expand(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> s = Files.list(p)) {
                return s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
            }
        }
        if (!Files.exists(p)) {
            throw new InvalidParameterException("result_files: no such file or folder: " + p);
        }
        return List.of(p);
    }

    static Shipped readResults(Path file) throws IOException {
        JsonNode root = LENIENT.readTree(file.toFile());
        if (root == null || !root.has("results") || !root.get("results").isArray()) {
            throw new InvalidParameterException(file + ": expected {\"results\": [...]} as written by 'scalelab kernels run'");
        }
        List<Measurement> rows = new ArrayList<>();
        for (JsonNode r : root.get("results")) {
            rows.add(LENIENT.treeToValue(r, Measurement.class));
        }
        String label = file.getFileName().toString();
        if (root.hasNonNull("machine") || root.hasNonNull("date")) {
            label = (root.path("machine").asText("") + " " + root.path("date").asText("")).trim();
        }
        return new Shipped(label, rows);
    }

    /**
     * One JMH result: benchmark name, matrix side (the {@code n} param) and GFLOP/s, converted
     * from the primary metric (ops/s in throughput mode, s/op or ms/op in average-time mode), and the
     * file it came from (a shipped export: another day and machine than this run).
     */
    record JmhPoint(String benchmark, int n, double gflops, String source) { }

    static List<JmhPoint> readJmh(Path file) throws IOException {
        JsonNode root = LENIENT.readTree(file.toFile());
        if (root == null || !root.isArray()) {
            throw new InvalidParameterException(file + ": expected a JMH JSON export (an array; run JMH with -rf json)");
        }
        List<JmhPoint> out = new ArrayList<>();
        for (JsonNode b : root) {
            String name = b.path("benchmark").asText();
            JsonNode n = b.path("params").path("n");
            if (n.isMissingNode()) {
                continue;
            }
            int side = Integer.parseInt(n.asText());
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
            if (seconds > 0) {
                JsonNode kernel = b.path("params").path("kernel");
                JsonNode device = b.path("params").path("device");
                String label = (kernel.isMissingNode() ? name.substring(name.lastIndexOf('.') + 1) : kernel.asText())
                        + (device.isMissingNode() ? "" : " @ " + device.asText());
                out.add(new JmhPoint(label, side, flops / seconds / 1e9, file.getFileName().toString()));
            }
        }
        return out;
    }
}
