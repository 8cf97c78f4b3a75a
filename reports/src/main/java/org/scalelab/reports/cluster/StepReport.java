package org.scalelab.reports.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalelab.cluster.params.ClusterParameters;
import org.scalelab.cluster.step.ParallelLayout;
import org.scalelab.cluster.step.StepModel;
import org.scalelab.cluster.step.StepOp;
import org.scalelab.cluster.step.StepResult;
import org.scalelab.cluster.step.StepSpec;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;

/**
 * The page of a {@code kind: cluster} file with model, training and cluster blocks but no
 * {@code days}: one training step, as {@code cluster step} prints it for the same keys
 * ({@link StepCommand#result}), with the step drawn op by op and the op table.
 */
public final class StepReport {
    private StepReport() {}

    /** The machine-readable result: what {@code cluster step --format json} prints. */
    public record Report(StepCommand.Result step) { }

    static SectionReport run(ClusterParameters p, ReportContext context) throws IOException {
        StepSpec spec = ClusterScenario.stepSpec(p.model(), p.training(), p.cluster(), p.cluster().gpus(), context::resolve);
        StepResult r = StepModel.compute(spec);
        Double measured = p.training().measuredStepSeconds();
        StepCommand.Result result = StepCommand.result(spec, r, measured);
        ParallelLayout lay = spec.layout();
        String model = context.name() != null ? context.name() : spec.shape().key();
        String title = String.format(Locale.ROOT, "Training step: %s on %d x %s (TP %d, PP %d, DP %d%s)", model,
                lay.gpus(), spec.gpu().key(), lay.tp(), lay.pp(), lay.dp(), lay.ep() > 1 ? ", EP " + lay.ep() : "");
        String summary = String.format(Locale.ROOT, "One step of %s tokens takes %.4g s by the step model: %.1f%% MFU,"
                + " %.1f%% HFU. The chart shows where the time goes, op by op; only compute runs the model's FLOPs.",
                fmt(r.tokensPerStep()), r.stepSeconds(), 100 * r.mfu(), 100 * r.hfu());
        String computed = "computed (step model)";
        List<Row> headline = new ArrayList<>();
        headline.add(new Row("Step time", String.format(Locale.ROOT, "%.4g s", r.stepSeconds()), computed));
        headline.add(new Row("Fits in GPU memory", String.format(Locale.ROOT, "%s: %.2f GB needed per GPU of %.2f GB",
                result.memoryFits() ? "yes" : "no", result.memoryNeededBytes() / 1e9, result.gpuMemoryBytes() / 1e9),
                StepCommand.MEMORY_SOURCE));
        headline.add(new Row("Tokens per second", String.format(Locale.ROOT, "%.4g", r.tokensPerSecond()), computed));
        headline.add(new Row("Model FLOPs per token", String.format(Locale.ROOT, "%.4g", r.modelFlopsPerToken()),
                "computed (6(N - V h) + 12 L h s: PaLM Appendix B, the embedding lookup left out)"));
        headline.add(new Row("MFU / HFU", String.format(Locale.ROOT, "%.1f%% / %.1f%%", 100 * r.mfu(), 100 * r.hfu()),
                "computed (HFU adds the recomputed forward, Korthikanti et al. 2022)"));
        if (measured != null) {
            headline.add(new Row("Measured step / its MFU", String.format(Locale.ROOT, "%.4g s / %.1f%%", measured,
                    100 * result.measuredMfu()), "training.measured_step_seconds (given); MFU computed over measured seconds"
                    + " x GPUs x BF16 peak"));
            headline.add(new Row("Step model's error vs the measured step", String.format(Locale.ROOT, "%+.1f%%",
                    100 * result.relativeError()), "computed: (model - measured) / measured"));
        }
        headline.add(new Row("Matmul efficiency", String.format(Locale.ROOT, "%.1f%%", 100 * spec.matmulEfficiency()),
                spec.matmulEfficiencyLabel()));
        headline.add(ClusterSection.hbmRow(spec));
        headline.add(new Row("Attention efficiency", String.format(Locale.ROOT, "%.1f%%",
                100 * spec.options().attentionEfficiency()), p.training().attentionEfficiency() != null ? "given"
                : "assumed: " + StepCommand.ATTENTION_DEFAULT));
        headline.add(new Row("Recipe", spec.options().recipe().key(), p.training().recipe() != null ? "given"
                : "assumed: default"));
        List<String> notes = new ArrayList<>();
        if (result.note() != null) {
            notes.add("Note: " + result.note() + ".");
        }
        notes.add("The ops are those of one micro-batch on the busiest pipeline stage of one GPU, times the micro-batches"
                + " per step, plus the step's bubble, optimizer update and exposed data-parallel communication.");
        notes.add(ClusterSection.STEP_NOT_MODELLED);
        notes.add("This file has no days, failures or checkpoint: add them to simulate the run around this step.");
        return new SectionReport(title, summary, headline, List.of(ClusterCharts.stepBreakdown(context.charts(), r)),
                List.of(ops(r)), ClusterSection.STEP_SOURCES, notes, new Report(result));
    }

    private static Table ops(StepResult r) {
        List<List<String>> rows = new ArrayList<>();
        for (StepOp op : r.ops()) {
            rows.add(List.of(op.name(), op.kind().key(), String.format(Locale.ROOT, "%.4g", op.seconds()),
                    String.format(Locale.ROOT, "%.1f%%", 100 * op.seconds() / r.stepSeconds()),
                    String.format(Locale.ROOT, "%.3g", op.flops()), String.format(Locale.ROOT, "%.3g", op.bytes())));
        }
        return new Table(String.format(Locale.ROOT, "The modelled step op by op (busiest stage, one GPU; %.4g s in all)",
                r.stepSeconds()), List.of("op", "category", "seconds", "share", "FLOPs", "bytes"), rows);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.4g", x);
    }
}
