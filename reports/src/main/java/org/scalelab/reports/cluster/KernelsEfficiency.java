package org.scalelab.reports.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import org.scalelab.cluster.params.Training;
import org.scalelab.cluster.step.GemmModel;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.io.JsonInputs;

/**
 * A matmul efficiency taken from a {@code scalelab kernels run --format json} result file: only
 * rows measured on a GPU count (a CPU or PoCL figure says nothing about a GPU), the fastest row (highest {@code gflops}, optionally of one kernel) divided by the GPU preset's FP32
 * peak, since those kernels are FP32 SGEMM. Applying an FP32 efficiency to BF16 Tensor Core work is
 * an assumption, and the source string says so.
 */
final class KernelsEfficiency {
    private KernelsEfficiency() {}

    /** A row measured on a GPU: an OpenCL GPU device or cuBLAS, never a CPU, PoCL or Java row. */
    static boolean measuredOnGpu(JsonNode r) {
        String device = r.path("device").asText();
        String ranOn = r.path("ran_on").asText().toLowerCase(Locale.ROOT);
        return ("opencl-gpu".equals(device) || "cuda".equals(device) || r.path("kernel").asText().startsWith("cublas"))
                && !ranOn.contains("pocl") && !ranOn.contains("java");
    }

    /** Whether the measured device is the GPU kind of the run (e.g. "NVIDIA H100 80GB HBM3" for h100-sxm). */
    static boolean sameGpu(String deviceName, GpuSpec gpu) {
        String d = deviceName.toLowerCase(Locale.ROOT).replace(" ", "");
        String model = gpu.key().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9].*$", "");
        return !model.isEmpty() && d.contains(model);
    }

    /**
     * The matmul efficiency as {@code cluster step} and {@code kind: cluster} choose it: from a kernels
     * result file when given (then with neither a value nor a source), else {@link GemmModel#ceiling}
     * (the given value, labelled {@code givenLabel}, else the GPU's measured MAMF with its source); a
     * given {@code source} text replaces the label of the given value.
     *
     * @throws InvalidParameterException naming the key ({@link Training#matmulSource}'s rules), or
     *     {@code matmul_efficiency_from} saying why the file gives no efficiency
     */
    static GemmModel.Ceiling choose(GpuSpec gpu, Double efficiency, String source, Path from, String kernel, String givenLabel) {
        Training.matmulSource(from, kernel, efficiency, source);
        if (from != null) {
            return read(from, kernel, gpu);
        }
        if (source != null && efficiency == null) {
            throw new InvalidParameterException("matmul_efficiency_source",
                    "describes a given matmul_efficiency; give that too, or leave the source out to use the GPU's measured MAMF",
                    source);
        }
        GemmModel.Ceiling c = GemmModel.ceiling(gpu, efficiency, givenLabel);
        return source != null ? new GemmModel.Ceiling(c.value(), source) : c;
    }

    /** Largest kernels result read: 16 MB, thousands of times a real one (ours are under 40 KB). */
    static final long MAX_FILE_BYTES = 16L << 20;

    static GemmModel.Ceiling read(Path file, String kernel, GpuSpec gpu) {
        String key = "matmul_efficiency_from";
        String given = file.toString();
        JsonNode root = JsonInputs.read(key, given, file, MAX_FILE_BYTES, "a kernels result");
        JsonNode rows = root.isArray() ? root : root.path("results");
        JsonNode best = null;
        int cpuRows = 0;
        for (JsonNode r : rows) {
            if (!measuredOnGpu(r)) {
                cpuRows++;
                continue;
            }
            if (r.path("gflops").isNumber() && (kernel == null || kernel.equals(r.path("kernel").asText()))
                    && (best == null || r.get("gflops").asDouble() > best.get("gflops").asDouble())) {
                best = r;
            }
        }
        if (best == null) {
            throw new InvalidParameterException(key, file.getFileName() + " has no row measured on a GPU with gflops"
                    + (kernel == null ? "" : " for kernel " + kernel)
                    + (cpuRows > 0 ? " (" + cpuRows + " CPU or PoCL rows ignored: a CPU's efficiency says nothing about a GPU)" : "")
                    + "; give a 'scalelab kernels run --format json' result", given);
        }
        double gflops = best.get("gflops").asDouble();
        double eff = gflops * 1e9 / gpu.fp32FlopsPerSecond();
        if (!(eff > 0 && eff <= 1)) {
            throw new InvalidParameterException(key, String.format(Locale.ROOT, "%s: %s GFLOP/s is not a fraction of %s's FP32"
                    + " peak %.0f GFLOP/s", file.getFileName(), best.get("gflops").asText(), gpu.key(), gpu.fp32FlopsPerSecond() / 1e9),
                    given);
        }
        String device = best.path("device_name").asText();
        String machine = root.path("machine").asText(device);
        String date = root.path("date").asText("date not recorded in the file");
        String otherGpu = sameGpu(device, gpu) ? "" : "; measured on " + device + ", not on the " + gpu.key()
                + " this run is for, so its efficiency is assumed to carry over";
        String source = String.format(Locale.ROOT, "our measurement (%s; %s, %s): %s n=%d, %.0f GFLOP/s FP32 = %.3f of"
                + " the %s FP32 peak; applied to BF16 matmuls as an assumption%s", file.getFileName(), machine, date,
                best.path("kernel").asText(), best.path("n").asInt(), gflops, eff, gpu.key(), otherGpu);
        return new GemmModel.Ceiling(eff, source);
    }
}
