package org.scalelab.reports.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.params.DeepSpeedParameters;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;

/**
 * The {@code deepspeed:} block of a {@code kind: memory} file: DeepSpeed's ZeRO-2 and ZeRO-3
 * model-state estimators for the file's model, computed and printed as {@code scalelab memory
 * deepspeed --zero 2} and {@code --zero 3} compute and print them (GiB, which DeepSpeed labels "GB").
 */
final class DeepSpeedBlock {
    static final String SOURCE = "DeepSpeed estimate_zero2/zero3_model_states_mem_needs_all_cold (deepspeedai/DeepSpeed"
            + " runtime/zero/stage_1_and_2.py, stage3.py; docs memory.rst)";

    private DeepSpeedBlock() {}

    /**
     * Both estimators for the setup's model: total_params is its parameter count (the file's
     * {@code params}, else its shape's), largest_layer_params the block's, else the shape's largest module, else 0.
     */
    static MemoryResult.DeepSpeed estimate(DeepSpeedParameters d, TrainingSetup setup) {
        long largest = d.largestLayerParams() != null ? d.largestLayerParams().longValue() : DeepSpeedCommand.largestLayer(setup.shape());
        try {
            return new MemoryResult.DeepSpeed(
                    DeepSpeedCommand.estimate(2, setup.paramCount(), largest, d.gpusPerNode(), d.nodes(), d.bufferFactor(), d.legacy()),
                    DeepSpeedCommand.estimate(3, setup.paramCount(), largest, d.gpusPerNode(), d.nodes(), d.bufferFactor(), false));
        } catch (org.scalelab.common.InvalidParameterException e) {
            // the estimators' rules name their own keys; in the file they are keys of the deepspeed block
            throw e.field().isEmpty() || e.field().equals("params") ? e : e.under("deepspeed");
        }
    }

    /** One headline row per printed line, labelled by estimator and options. */
    static List<Row> headline(MemoryResult.DeepSpeed ds) {
        List<Row> rows = new ArrayList<>();
        for (DeepSpeedCommand.Result r : List.of(ds.zero2(), ds.zero3())) {
            for (DeepSpeedCommand.Row row : r.rows()) {
                rows.add(new Row("DeepSpeed ZeRO-" + r.zero() + " estimate (" + options(row.printed()) + ")",
                        String.format(Locale.ROOT, "%.2f GiB per GPU, %.2f GiB CPU per node", row.gpuGib(), row.cpuGib()),
                        "computed (" + SOURCE + ")"));
            }
        }
        return rows;
    }

    /** Every printed line of both estimators. */
    static Table table(MemoryResult.DeepSpeed ds) {
        List<List<String>> rows = new ArrayList<>();
        for (DeepSpeedCommand.Result r : List.of(ds.zero2(), ds.zero3())) {
            for (DeepSpeedCommand.Row row : r.rows()) {
                rows.add(List.of("ZeRO-" + r.zero() + (r.legacy() ? " (pre-2024 formula)" : ""), options(row.printed()),
                        String.format(Locale.ROOT, "%.2f", row.gpuGib()), String.format(Locale.ROOT, "%.2f", row.cpuGib()), row.printed()));
            }
        }
        return new Table("DeepSpeed's model-state estimators for this model, computed as DeepSpeed computes them (" + SOURCE
                + "); GiB = 2^30 bytes, which DeepSpeed prints as \"GB\"",
                List.of("estimator", "options", "per GPU GiB", "CPU per node GiB", "DeepSpeed's printed line"), rows);
    }

    /** What the estimators assume, beside the file's own layout. */
    static String note(MemoryResult.DeepSpeed ds, TrainingSetup setup) {
        long gpus = ds.zero3().gpusPerNode() * ds.zero3().nodes();
        return String.format(Locale.ROOT, "DeepSpeed's estimators count model states only (no activations, buffers or reserve) of"
                + " %d parameters (largest layer %d) sharded over deepspeed.gpus_per_node x deepspeed.nodes = %d x %d = %d GPUs"
                + "%s; DeepSpeed's own default is 1 GPU per node.", ds.zero3().params(), ds.zero3().largestLayerParams(),
                ds.zero3().gpusPerNode(), ds.zero3().nodes(), gpus,
                gpus == setup.gpus() ? ", as this file's layout" : ", not this file's layout of " + setup.gpus() + " GPUs");
    }

    private static String options(String printed) {
        return printed.substring(printed.lastIndexOf('|') + 1).trim().replaceAll("\\s+,", ",");
    }
}
