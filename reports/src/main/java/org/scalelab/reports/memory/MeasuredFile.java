package org.scalelab.reports.memory;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.io.Json;

/**
 * A measured-memory file: {@code {"peak_bytes": N, "steady_bytes": N}} ({@code steady_bytes}
 * optional), e.g. {@code torch.cuda.max_memory_allocated()} and the allocation after an optimizer step.
 *
 * @param peakBytes   measured peak per GPU, bytes
 * @param steadyBytes measured steady allocation per GPU, bytes (NaN when absent)
 */
public record MeasuredFile(double peakBytes, double steadyBytes) {

    /** Reads the file; a missing or malformed file is bad input (exit 2). */
    static MeasuredFile read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InvalidParameterException("measured: cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("peak_bytes").isNumber()) {
            throw new InvalidParameterException("measured: " + file + " needs a numeric \"peak_bytes\" (and optionally \"steady_bytes\")");
        }
        JsonNode steady = root.path("steady_bytes");
        return new MeasuredFile(root.get("peak_bytes").asDouble(), steady.isNumber() ? steady.asDouble() : Double.NaN);
    }
}
