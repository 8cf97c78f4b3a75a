package org.scalelab.reports.scaling;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scalelab.report.chart.DataTable;
import org.scalelab.report.ReportContext;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.scaling.Chinchilla;
import org.scalelab.scaling.ChinchillaConstants;
import org.scalelab.scaling.fit.FitReport;
import org.scalelab.scaling.fit.Fits;
import org.scalelab.scaling.fit.RunData;
import org.scalelab.scaling.params.FitParameters;

/** {@code kind: scaling-fit}: fits Approaches 1-3 to a data file and charts the result. */
public final class ScalingFitSection implements Section<FitParameters> {
    /** Bootstrap replicates under {@code --full}: Besiroglu et al. 2024 used 4000. */
    static final int FULL_BOOTSTRAP = 4000;

    @Override
    public String kind() {
        return "scaling-fit";
    }

    @Override
    public Class<FitParameters> parameterType() {
        return FitParameters.class;
    }

    @Override
    public SectionReport run(FitParameters p, ReportContext context) throws IOException {
        Path path = p.data() == null ? null : context.resolve(p.data());
        String name = p.dataset() != null ? p.dataset() : p.data();
        RunData rows = FitData.load(p.dataset() != null ? p.dataset() : p.data(), path, p.runColumns());
        FitReport r;
        try (var task = context.task("scaling fit", 4500)) {
            // --full raises a requested bootstrap to Epoch's 4000 replicates (about 3 s more on 2 cores)
            FitParameters run = context.full() && p.bootstrap() > 0 && p.bootstrap() < FULL_BOOTSTRAP ? p.withBootstrap(FULL_BOOTSTRAP) : p;
            r = Fits.run(rows, run.options(context.seed()), Runtime.getRuntime().availableProcessors(), task);
        }
        FitJson json = FitJson.of(r, p.predictAtFlops());
        List<ChartRef> charts = new ArrayList<>();
        List<SectionReport.Row> headline = new ArrayList<>();
        List<SectionReport.Table> tables = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String origin = "computed (fit to " + name + ", " + r.used() + " of " + r.rows() + " rows)";
        if (r.approach3() != null || r.approach2() != null) {
            DataTable iso = new DataTable("series", "params", "loss_nats", "origin");
            charts.add(context.charts().write("isoflop", "IsoFLOP profiles: loss against model size at fixed compute, with the fitted minima.",
                    FitCharts.isoFlop(FitRows.isoFlop(r), iso), iso));
        }
        if (r.approach3() != null) {
            var f = r.approach3();
            Map<String, double[]> ci = r.bootstrap3() == null ? Map.of() : r.bootstrap3().intervals(0.025);
            headline.add(row("E (nats)", f.e(), ci.get("E"), origin + ", Approach 3"));
            headline.add(row("A", f.a(), ci.get("A"), origin + ", Approach 3"));
            headline.add(row("B", f.b(), ci.get("B"), origin + ", Approach 3"));
            headline.add(row("alpha", f.alpha(), ci.get("alpha"), origin + ", Approach 3"));
            headline.add(row("beta", f.beta(), ci.get("beta"), origin + ", Approach 3"));
            headline.add(row("a = beta/(alpha+beta)", f.paramsExponent(), ci.get("a"), origin + ", Approach 3"));
            headline.add(new SectionReport.Row("objective (summed Huber, delta 1e-3)", String.format(java.util.Locale.ROOT, "%.6g", f.objective()),
                    origin + ", best of " + f.starts() + " L-BFGS starts"));
            if (p.predictAtFlops() != null) {
                double c = p.predictAtFlops();
                headline.add(row("N_opt at " + ScalingCharts.fmt(c) + " FLOPs (params)", Chinchilla.optimalParams(f.constants(), c), ci.get("params_opt"), origin + ", Eq. 4"));
                headline.add(row("D_opt at " + ScalingCharts.fmt(c) + " FLOPs (tokens)", Chinchilla.optimalTokens(f.constants(), c), ci.get("tokens_opt"), origin + ", Eq. 4"));
            }
            DataTable cData = new DataTable("series", "params", "tokens", "loss_nats");
            charts.add(context.charts().write("fit-contours", "Iso-loss lines of the fitted law over (N, D) with its compute-efficient frontier (dashed).",
                    ScalingCharts.contours("the fitted law", ScalingRows.contours(f.constants(), 1e7, 1e13), cData), cData));
            DataTable res = new DataTable("flops", "params", "tokens", "loss_nats", "log_residual");
            charts.add(context.charts().write("residuals", "Residuals ln L − ln L̂ of the parametric fit against training compute.",
                    FitCharts.residuals(FitRows.residuals(r), res), res));
            if (r.bootstrap3() != null) {
                DataTable h = new DataTable("bin_lo", "bin_hi", "count");
                charts.add(context.charts().write("bootstrap-a", "Bootstrap distribution of the exponent a = beta/(alpha+beta) of N_opt(C) ("
                                + r.bootstrap3().replicates() + " replicates, seed " + r.bootstrap3().seed() + ").",
                        FitCharts.histogram("Bootstrap distribution of a (Approach 3)", "a = beta/(alpha+beta) (dimensionless)", r.bootstrap3().values().get("a"), h), h));
            }
            tables.add(comparison(f.constants(), name));
        }
        if (r.approach2() != null) {
            powerLawRows(headline, "2", "IsoFLOP parabolas", r.approach2().a(), r.approach2().b(), r.bootstrap2(), origin);
        }
        if (r.approach1() != null) {
            powerLawRows(headline, "1", "envelope of training curves", r.approach1().a(), r.approach1().b(), r.bootstrap1(), origin);
        }
        List<ScalingRows.Line> lines = new ArrayList<>(ScalingRows.lawLines(List.of("epoch", "chinchilla-tex"), 1e18, 1e27, false));
        double[] c = ScalingRows.logSpace(1e18, 1e27, 40);
        if (r.approach3() != null) {
            lines.add(ScalingRows.line("fit: Approach 3", c, x -> Chinchilla.optimalParams(r.approach3().constants(), x)));
        }
        if (r.approach2() != null) {
            lines.add(ScalingRows.line("fit: Approach 2", c, r.approach2().paramsLaw()::at));
        }
        if (r.approach1() != null) {
            lines.add(ScalingRows.line("fit: Approach 1", c, r.approach1().paramsLaw()::at));
        }
        DataTable fData = new DataTable("series", "compute_flops", "params", "origin");
        charts.add(context.charts().write("fit-frontier", "N_opt(C) of the fitted approaches beside the epoch and Chinchilla (TeX) laws, with published models.",
                ScalingCharts.frontier("Fitted compute-optimal model size", lines, ScalingRows.published(), false, fData), fData));
        r.skipped().forEach((k, why) -> notes.add("Approach " + k + " skipped: " + why));
        notes.add("Approach 3 minimises the summed (not averaged) Huber loss, delta = 1e-3, on log-loss from Hoffmann et al.'s 4500-point grid with L-BFGS "
                + "(Nocedal & Wright Alg. 7.4/7.5); averaging is what stopped Hoffmann et al.'s optimiser early (Besiroglu et al. 2024).");
        if (r.bootstrap3() != null) {
            notes.add("Intervals are 2.5%-97.5% percentiles of " + r.bootstrap3().replicates() + " bootstrap replicates (rows resampled with replacement, "
                    + "each refitted from the full-data optimum), seed " + context.seed() + ".");
        }
        if (p.excludeTopLoss() > 0) {
            notes.add("The " + p.excludeTopLoss() + " highest-loss rows were excluded before fitting, as Besiroglu et al. 2024 did.");
        }
        return new SectionReport("Scaling-law fit: " + name,
                "Fits of Hoffmann et al.'s approaches to " + r.used() + " runs from " + name + ".",
                headline, charts, tables, sources(), notes, json);
    }

    private static void powerLawRows(List<SectionReport.Row> headline, String approach, String how, double a, double b,
                                     org.scalelab.scaling.fit.Bootstrap.Samples boot, String origin) {
        Map<String, double[]> ci = boot == null ? Map.of() : boot.intervals(0.025);
        headline.add(row("a (Approach " + approach + ", " + how + ")", a, ci.get("a"), origin));
        headline.add(row("b (Approach " + approach + ")", b, ci.get("b"), origin));
    }

    private static SectionReport.Row row(String label, double value, double[] ci, String origin) {
        String v = ScalingCharts.fmt(value) + (ci == null ? "" : " (95% CI " + ScalingCharts.fmt(ci[0]) + " to " + ScalingCharts.fmt(ci[1]) + ")");
        return new SectionReport.Row(label, v, origin);
    }

    /** Our constants beside the published ones. */
    private static SectionReport.Table comparison(ChinchillaConstants ours, String name) {
        ChinchillaConstants epoch = ChinchillaConstants.epoch();
        ChinchillaConstants tex = ChinchillaConstants.chinchillaTex();
        List<List<String>> rows = new ArrayList<>();
        String[] names = {"E", "A", "B", "alpha", "beta", "a"};
        double[][] v = {
            {ours.e(), epoch.e(), tex.e()}, {ours.a(), epoch.a(), tex.a()}, {ours.b(), epoch.b(), tex.b()},
            {ours.alpha(), epoch.alpha(), tex.alpha()}, {ours.beta(), epoch.beta(), tex.beta()},
            {ours.paramsExponent(), epoch.paramsExponent(), tex.paramsExponent()}};
        for (int i = 0; i < names.length; i++) {
            rows.add(List.of(names[i], ScalingCharts.fmt(v[i][0]), ScalingCharts.fmt(v[i][1]), ScalingCharts.fmt(v[i][2])));
        }
        return new SectionReport.Table("Fitted constants (computed, " + name + ") beside Besiroglu et al. 2024 (published, Table 1) and Hoffmann et al. 2022 (published, TeX source)",
                List.of("constant", "ours", "Epoch 2024", "Hoffmann 2022 (TeX)"), rows);
    }

    static List<String> sources() {
        List<String> s = new ArrayList<>(ScalingSection.sources());
        s.add("Data: epoch-research/analyzing-chinchilla, data/svg_extracted_data.csv at commit 92258837425e1b5f2851d624287f0120583a3d0e (no licence stated), "
                + "extracted from Hoffmann et al. 2022 Fig. 4; synthetic data sets generated by us (seed 20240417, scaling-laws SyntheticRuns).");
        s.add("Nocedal & Wright, Numerical Optimization, 2nd ed., 2006: Algorithms 3.5, 3.6, 7.4, 7.5 (L-BFGS with strong Wolfe line search).");
        return s;
    }

}
