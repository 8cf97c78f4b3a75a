package org.scalelab.reports.scaling;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.scalelab.report.chart.DataTable;
import org.scalelab.report.ReportContext;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.scaling.Law;
import org.scalelab.scaling.PublishedTables;
import org.scalelab.scaling.params.ScalingParameters;

/**
 * {@code kind: scaling}: compute-optimal allocations of several budgets under several published laws,
 * and the file's single question ({@code compute_flops}, {@code params}, or {@code params} with
 * {@code tokens}) answered as {@code scaling optimal} and {@code scaling loss} answer it.
 */
public final class ScalingSection implements Section<ScalingParameters> {

    /** One (budget, law) allocation, as written to result.json. */
    public record Row(String law, double computeFlops, double params, double tokens, double tokensPerParam, Double loss,
                      Double flopsPerToken, String paramsMeaning) { }

    /**
     * result.json: every allocation, and the answer to the file's single question when it asks one.
     *
     * @param allocations every (budget, law) allocation
     * @param optimal     what {@code scaling optimal --format json} prints for the file's {@code compute_flops}
     *                    or {@code params} under {@code law} (absent otherwise)
     * @param loss        what {@code scaling loss --format json} prints for the file's {@code params} and
     *                    {@code tokens} under {@code law} (absent otherwise)
     */
    public record Result(List<Row> allocations, @JsonInclude(JsonInclude.Include.NON_NULL) OptimalCommand.Result optimal,
                         @JsonInclude(JsonInclude.Include.NON_NULL) LossCommand.Result loss) { }

    @Override
    public String kind() {
        return "scaling";
    }

    @Override
    public Class<ScalingParameters> parameterType() {
        return ScalingParameters.class;
    }

    @Override
    public SectionReport run(ScalingParameters p, ReportContext context) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        for (double c : p.budgetsFlops()) {
            for (String name : p.laws()) {
                Law.LawOptimum o = Law.byName("laws", name).optimum(c);
                rows.add(new Row(name, c, o.params(), o.tokens(), o.tokensPerParam(), o.loss(), o.flopsPerToken(), o.law().paramsMeaning()));
                cells.add(List.of(ScalingCharts.fmt(c), name, ScalingCharts.fmt(o.params()), ScalingCharts.fmt(o.tokens()),
                        ScalingCharts.fmt(o.tokensPerParam()), o.loss() == null ? "none published" : ScalingCharts.fmt(o.loss())));
            }
        }
        List<ChartRef> charts = new ArrayList<>();
        DataTable nData = new DataTable("series", "compute_flops", "params", "origin");
        charts.add(context.charts().write("frontier-params", "Compute-optimal parameters N_opt(C) per law; diamonds are published models "
                        + "(GPT-3, Gopher, Chinchilla: Hoffmann et al. 2022 Table 1; Llama 3: its law's 402B/16.55T at 3.8e25 FLOPs, §3.2.1) at C = 6ND.",
                ScalingCharts.frontier("Compute-optimal model size", ScalingRows.lawLines(p.laws(), p.frontierMinFlops(), p.frontierMaxFlops(), false),
                        ScalingRows.published(), false, nData),
                nData));
        DataTable dData = new DataTable("series", "compute_flops", "tokens", "origin");
        charts.add(context.charts().write("frontier-tokens", "Compute-optimal training tokens D_opt(C) per law, with the same published models.",
                ScalingCharts.frontier("Compute-optimal training tokens", ScalingRows.lawLines(p.laws(), p.frontierMinFlops(), p.frontierMaxFlops(), true),
                        ScalingRows.published(), true, dData),
                dData));
        DataTable cData = new DataTable("series", "params", "tokens", "loss_nats");
        Law contourLaw = Law.byName("contour_law", p.contourLaw());
        charts.add(context.charts().write("loss-contours", "Iso-loss lines of " + contourLaw.key()
                        + " over (N, D) and its compute-efficient frontier (dashed).",
                ScalingCharts.contours(contourLaw.key(), ScalingRows.contours(contourLaw, 1e7, 1e13), cData), cData));

        List<SectionReport.Row> headline = new ArrayList<>();
        List<String> notes = new ArrayList<>(notes());
        Law answering = Law.byName("law", p.law());
        OptimalCommand.Result optimal = null;
        LossCommand.Result loss = null;
        switch (p.question()) {
            case OPTIMAL_AT_BUDGET, OPTIMAL_FOR_PARAMS -> {
                // the subcommand's computation and JSON, so the file and the command print the same numbers
                Law.LawOptimum o = p.question() == ScalingParameters.Question.OPTIMAL_AT_BUDGET
                        ? answering.optimum(p.computeFlops()) : answering.optimumForParams(p.params());
                optimal = OptimalCommand.Result.of(o);
                String label = p.question() == ScalingParameters.Question.OPTIMAL_AT_BUDGET
                        ? "Compute-optimal at " + ScalingCharts.fmt(o.computeFlops()) + " FLOPs (" + answering.key() + ")"
                        : "Budget at which " + ScalingCharts.fmt(o.params()) + " params is optimal (" + answering.key() + ")";
                headline.add(new SectionReport.Row(label, ScalingCharts.fmt(o.params()) + " params, " + ScalingCharts.fmt(o.tokens())
                        + " tokens, " + ScalingCharts.fmt(o.computeFlops()) + " FLOPs (D/N " + ScalingCharts.fmt(o.tokensPerParam()) + ")",
                        "computed (" + source(answering) + ")"));
                if (o.loss() != null) {
                    headline.add(new SectionReport.Row("Loss there (" + answering.key() + ")", ScalingCharts.fmt(o.loss()) + " nats/token",
                            "computed (" + source(answering) + ")"));
                }
                notes.add(0, "Law " + answering.key() + ": " + answering.description());
                answering.extrapolation(o).ifPresent(w -> notes.add(0, "Warning: " + w + "."));
            }
            case LOSS -> {
                loss = LossCommand.Result.of(answering, p.params(), p.tokens());
                headline.add(new SectionReport.Row("Loss at " + ScalingCharts.fmt(p.params()) + " params, " + ScalingCharts.fmt(p.tokens())
                        + " tokens (" + answering.key() + ")", ScalingCharts.fmt(loss.loss()) + " nats/token",
                        "computed (" + source(answering) + ")"));
                answering.extrapolation(p.params(), p.tokens()).ifPresent(w -> notes.add(0, "Warning: " + w + "."));
            }
            case NONE -> { }
        }
        double first = p.budgetsFlops().get(0);
        for (String name : p.laws()) {
            Law law = Law.byName("laws", name);
            Law.LawOptimum o = law.optimum(first);
            headline.add(new SectionReport.Row(name + " at " + ScalingCharts.fmt(first) + " FLOPs",
                    ScalingCharts.fmt(o.params()) + " params, " + ScalingCharts.fmt(o.tokens()) + " tokens (D/N " + ScalingCharts.fmt(o.tokensPerParam()) + ")",
                    "computed (" + source(law) + ")"));
        }
        List<List<String>> published = new ArrayList<>();
        for (var r : PublishedTables.table3()) {
            var epoch = Law.EPOCH.optimum(r.computeFlops());
            published.add(List.of(ScalingCharts.fmt(r.computeFlops()), ScalingCharts.fmt(r.params()), ScalingCharts.fmt(r.tokens()),
                    ScalingCharts.fmt(r.tokensPerParam()), ScalingCharts.fmt(epoch.params()), ScalingCharts.fmt(epoch.tokens())));
        }
        List<SectionReport.Table> tables = List.of(
                new SectionReport.Table("Allocations per budget and law (computed; params in each law's convention, see notes)",
                        List.of("compute (FLOPs)", "law", "params", "tokens", "tokens/param", "loss (nats/token)"), cells),
                new SectionReport.Table("Hoffmann et al. 2022 Table 3 (published, Approach 1) beside the epoch law (computed) at the same FLOPs",
                        List.of("FLOPs (published)", "params (published)", "tokens (published)", "tokens/param", "epoch params", "epoch tokens"), published));
        return new SectionReport("Compute-optimal allocation",
                "How " + p.budgetsFlops().size() + " training budgets split into parameters and tokens under " + p.laws().size()
                        + " published scaling laws. Kaplan's law favours much larger models on fewer tokens; Chinchilla-style laws give about 20 or more tokens per parameter.",
                headline, charts, tables, sources(), notes, new Result(rows, optimal, loss));
    }

    static String source(Law law) {
        return switch (law) {
            case EPOCH -> "Besiroglu et al. 2024 constants, Hoffmann et al. 2022 Eq. 4";
            case CHINCHILLA -> "Hoffmann et al. 2022, Eq. 4 with Eq. 10 constants";
            case CHINCHILLA_TEX -> "Hoffmann et al. 2022, Eq. 4 with TeX-source constants";
            case CHINCHILLA_APPROACH1 -> "Hoffmann et al. 2022, Table 2 exponent (Approach 1), coefficient fitted to Table 3";
            case CHINCHILLA_APPROACH2 -> "Hoffmann et al. 2022, Table 2 exponent (Approach 2), coefficient fitted to Table A3";
            case KAPLAN -> "Kaplan et al. 2020, Eq. 6.1 / Table 6 with C_min = C/2";
            case DEEPSEEK -> "DeepSeek LLM 2024, Eq. 4";
            case LLAMA3 -> "Llama 3 2024, §3.2.1 / Fig. 3 legend";
        };
    }

    static List<String> sources() {
        return List.of(
                "Kaplan et al. 2020, Scaling Laws for Neural Language Models, arXiv:2001.08361 (Eq. 1.1-1.8, 6.1, Tables 5-6).",
                "Hoffmann et al. 2022, Training Compute-Optimal Large Language Models, arXiv:2203.15556 (Eq. 2, 4, 10; Tables 1, 3, A3).",
                "Besiroglu, Erdil, Barnett, You 2024, Chinchilla Scaling: A replication attempt, arXiv:2404.10102 (refit constants).",
                "DeepSeek-AI 2024, DeepSeek LLM, arXiv:2401.02954 (Eq. 2, 4).",
                "Llama Team 2024, The Llama 3 Herd of Models, arXiv:2407.21783 (§3.2.1, Fig. 3 legend alpha 0.537, A 0.299).");
    }

    static List<String> notes() {
        return List.of(
                "Units differ between papers: Kaplan counts non-embedding parameters and uses C_min in PF-days (we apply C_min = C/2, as Hoffmann et al. did to compare); "
                        + "Chinchilla counts all parameters with C = 6ND; DeepSeek's M is non-embedding FLOPs per token with C = M·D (its params = M/6 is an approximation); "
                        + "Llama 3's law gives tokens, and params = C/(6·tokens).",
                "Rounded (Eq. 10) and TeX-source Chinchilla constants give very different tokens per parameter; the epoch set (Besiroglu et al. 2024) is the default.",
                "DeepSeek and Llama 3 publish no loss law; their loss is left empty.",
                "Hoffmann et al.'s Table 3 is shown as published; it is not exactly reproducible from any closed form.");
    }
}
