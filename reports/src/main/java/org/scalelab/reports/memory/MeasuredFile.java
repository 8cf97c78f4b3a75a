package org.scalelab.reports.memory;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalelab.common.Check;
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

    /**
     * Reads the file; a missing or malformed file is bad input (exit 2) naming {@code field}, the
     * option or key that gave it.
     */
    static MeasuredFile read(String field, Path file) {
        JsonNode root;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new InvalidParameterException(field, "must be a JSON file of at most " + MAX_BYTES + " bytes", file);
            }
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            root = null; // its content is not echoed
        } catch (IOException e) {
            throw new InvalidParameterException(field, "cannot read the file (" + e.getClass().getSimpleName() + ")", file);
        }
        if (root == null || !root.path("peak_bytes").isNumber()) {
            throw new InvalidParameterException(field, "must be a JSON file {\"peak_bytes\": N} (and optionally \"steady_bytes\": N)", file);
        }
        double peak = root.get("peak_bytes").asDouble();
        double steady = root.path("steady_bytes").isNumber() ? root.get("steady_bytes").asDouble() : Double.NaN;
        if (!(peak > 0) || !(Double.isNaN(steady) || steady > 0)) {
            throw new InvalidParameterException(field, "peak_bytes and steady_bytes in " + file + " must be > 0",
                    Double.isNaN(steady) ? Check.format(peak) : Check.format(peak) + " and " + Check.format(steady));
        }
        return new MeasuredFile(peak, steady);
    }

    /** Largest measurement file read: 1 MB (one is a few dozen bytes). */
    static final long MAX_BYTES = 1 << 20;
}
