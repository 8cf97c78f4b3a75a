package org.scalelab.reports.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.io.Json;

/**
 * A matmul efficiency taken from a {@code scalelab kernels run --format json} result file: the
 * fastest row (highest {@code gflops}, optionally of one kernel) divided by the GPU preset's FP32
 * peak, since those kernels are FP32 SGEMM. Applying an FP32 efficiency to BF16 Tensor Core work is
 * an assumption, and the source string says so.
 */
final class KernelsEfficiency {
    /** The efficiency and where it came from. */
    record Efficiency(double value, String source) { }

    private KernelsEfficiency() {}

    static Efficiency read(Path file, String kernel, GpuSpec gpu) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidParameterException(file + ": cannot read a kernels result: " + e.getMessage(), e);
        }
        JsonNode rows = root.isArray() ? root : root.path("results");
        JsonNode best = null;
        for (JsonNode r : rows) {
            if (r.hasNonNull("gflops") && (kernel == null || kernel.equals(r.path("kernel").asText()))
                    && (best == null || r.get("gflops").asDouble() > best.get("gflops").asDouble())) {
                best = r;
            }
        }
        if (best == null) {
            throw new InvalidParameterException(file + ": no result row with gflops" + (kernel == null ? "" : " for kernel " + kernel));
        }
        double gflops = best.get("gflops").asDouble();
        double eff = gflops * 1e9 / gpu.fp32FlopsPerSecond();
        if (!(eff > 0 && eff <= 1)) {
            throw new InvalidParameterException(String.format(Locale.ROOT, "%s: %.0f GFLOP/s is not a fraction of %s's FP32 peak %.0f GFLOP/s",
                    file, gflops, gpu.name(), gpu.fp32FlopsPerSecond() / 1e9));
        }
        String source = String.format(Locale.ROOT, "measured by scalelab kernels (%s): %s n=%d on %s, %.0f GFLOP/s FP32 = %.3f of"
                + " the %s FP32 peak; applied to BF16 matmuls as an assumption", file.getFileName(), best.path("kernel").asText(),
                best.path("n").asInt(), best.path("device_name").asText(), gflops, eff, gpu.name());
        return new Efficiency(eff, source);
    }
}
