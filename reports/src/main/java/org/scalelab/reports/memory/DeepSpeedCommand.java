package org.scalelab.reports.memory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Units;
import org.scalelab.memory.DeepSpeedEstimator;
import org.scalelab.memory.DeepSpeedRow;
import org.scalelab.memory.TransformerShape;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab memory deepspeed}: DeepSpeed's {@code estimate_zero{2,3}_model_states_mem_needs_all_cold}, every row. */
@Command(name = "deepspeed", mixinStandardHelpOptions = true,
        description = "Reproduce DeepSpeed's ZeRO-2/ZeRO-3 model-state estimators (all_cold): every offload / zero_init row, "
                + "bytes as its int() returns them. DeepSpeed prints bytes/2^30 labelled \"GB\" (GiB). In a kind: memory parameter file, "
                + "a deepspeed: block (largest_layer_params, gpus_per_node, nodes, legacy, buffer_factor; the same defaults) prints "
                + "both estimators for the file's model.",
        footer = {"", "Example:", "  scalelab memory deepspeed --params 2851e6 --largest-layer-params 32e6 --gpus-per-node 8 --nodes 1 --zero 3 --format json"})
public final class DeepSpeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    OutputOptions output;

    @Option(names = "--params", paramLabel = "P", description = "Total parameters (total_params). Required unless --model is given.")
    Long params;

    @Option(names = "--largest-layer-params", paramLabel = "L", description = "Parameters of the largest layer (largest_layer_params, ZeRO-3 only). Default: 0, or the --model's largest module.")
    Long largestLayerParams;

    @Option(names = "--model", paramLabel = "NAME", description = "Take P and L from a shape preset (gpt3-175b, llama2-7b, ...). Default: none (--params).")
    String model;

    @Option(names = "--gpus-per-node", paramLabel = "G", defaultValue = "1", description = "GPUs per node (num_gpus_per_node). Default: ${DEFAULT-VALUE}.")
    long gpusPerNode;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1", description = "Nodes (num_nodes). Default: ${DEFAULT-VALUE}.")
    long nodes;

    @Option(names = "--zero", paramLabel = "2|3", required = true, description = "Which estimator: ZeRO stage 2 or 3. Required.")
    long zero;

    @Option(names = "--legacy", description = "ZeRO-2 only: the pre-2024 formula (4P + 16P/g GPU bytes) whose printouts are in DeepSpeed's docs. Default: the current 2P + 18P/g.")
    boolean legacy;

    @Option(names = "--buffer-factor", paramLabel = "F", defaultValue = "1.5", description = "additional_buffer_factor on CPU bytes. Default: ${DEFAULT-VALUE}.")
    double bufferFactor;

    /**
     * The printout.
     *
     * @param rows        every row the estimator prints, in its order
     * @param zero        2 or 3
     * @param params      total_params
     * @param largestLayerParams largest_layer_params (ZeRO-3)
     * @param gpusPerNode GPUs per node
     * @param nodes       nodes
     * @param legacy      pre-2024 ZeRO-2 formula
     */
    public record Result(List<Row> rows, int zero, long params, long largestLayerParams, long gpusPerNode, long nodes,
                         boolean legacy) { }

    /**
     * One printed row; {@code gpu_gib}/{@code cpu_gib} are the two-decimal figures DeepSpeed prints and
     * {@code printed} the line itself ({@code f" {cpu/2**30:7.2f}GB | {gpu/2**30:6.2f}GB | {options}"}).
     */
    public record Row(boolean offloadOptimizer, boolean offloadParams, boolean zeroInit, long gpuBytes, long cpuBytes,
                      double gpuGib, double cpuGib, String printed) {
        static Row of(DeepSpeedRow r, int zero) {
            BigDecimal gpu = twoDecimals(r.gpuBytes());
            BigDecimal cpu = twoDecimals(r.cpuBytes());
            String options = zero == 2
                    ? "offload_optimizer=" + device(r.offloadOptimizer())
                    : "offload_param=" + device(r.offloadParams()) + ", offload_optimizer=" + device(r.offloadOptimizer())
                        + ", zero_init=" + (r.zeroInit() ? 1 : 0);
            String line = String.format(Locale.ROOT, " %7sGB | %6sGB | %s", cpu.toPlainString(), gpu.toPlainString(), options);
            return new Row(r.offloadOptimizer(), r.offloadParams(), r.zeroInit(), r.gpuBytes(), r.cpuBytes(),
                    gpu.doubleValue(), cpu.doubleValue(), line);
        }

        /** Python's {@code :.2f}: the exact binary value rounded half-even (Java's %.2f rounds half-up). */
        private static BigDecimal twoDecimals(long bytes) {
            return new BigDecimal(bytes / Units.BYTES_PER_GIB).setScale(2, RoundingMode.HALF_EVEN);
        }

        /** DeepSpeed pads the device name to 4 characters: {@code "cpu "} or {@code "none"}. */
        private static String device(boolean cpu) {
            return cpu ? "cpu " : "none";
        }
    }

    /**
     * Every row of DeepSpeed's ZeRO-{@code zero} estimator, as this command prints them (a
     * {@code kind: memory} file's {@code deepspeed:} block prints the same).
     *
     * @param zero               2 or 3
     * @param params             total_params
     * @param largestLayerParams largest_layer_params (read by ZeRO-3 only)
     * @param legacy             the pre-2024 ZeRO-2 formula (ZeRO-2 only)
     */
    static Result estimate(int zero, long params, long largestLayerParams, long gpusPerNode, long nodes, double bufferFactor,
                           boolean legacy) {
        List<DeepSpeedRow> rows = zero == 2
                ? DeepSpeedEstimator.zero2AllCold(params, gpusPerNode, nodes, bufferFactor, legacy)
                : DeepSpeedEstimator.zero3AllCold(params, largestLayerParams, gpusPerNode, nodes, bufferFactor);
        return new Result(rows.stream().map(r -> Row.of(r, zero)).toList(), zero, params, zero == 3 ? largestLayerParams : 0,
                gpusPerNode, nodes, zero == 2 && legacy);
    }

    /** The default largest layer: the shape's largest module, else 0 (DeepSpeed's own default). */
    static long largestLayer(TransformerShape shape) {
        return shape != null ? shape.largestLayerParamCount() : 0;
    }

    @Override
    public Integer call() {
        if (zero != 2 && zero != 3) {
            throw new InvalidParameterException("zero", "must be 2 or 3 (DeepSpeed has no ZeRO-0/1 estimator)", zero);
        }
        if (legacy && zero != 2) {
            throw new InvalidParameterException("legacy", "applies to zero = 2 only", true);
        }
        if (largestLayerParams != null && zero != 3) {
            throw new InvalidParameterException("largest_layer_params",
                    "applies to zero = 3 only (DeepSpeed's ZeRO-2 estimator takes no layer size)", largestLayerParams);
        }
        TransformerShape shape = model == null ? null : TransformerShape.byName(model);
        long p = params != null ? params : shape != null ? shape.paramCount() : -1;
        if (params == null && shape == null) {
            throw new InvalidParameterException("params", "is required (or give --model)", "missing");
        }
        Check.atLeastOne("params", p);
        long l = largestLayerParams != null ? largestLayerParams : largestLayer(shape);
        Check.atLeast("largest_layer_params", l, 0);
        Provenance provenance = Provenance.of(spec);
        Output.print(spec.commandLine().getOut(), output.format, estimate((int) zero, p, l, gpusPerNode, nodes, bufferFactor, legacy), provenance);
        return 0;
    }
}
