package org.scalelab.reports.scaling;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.scalelab.common.Seeds;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.scaling.data.RunColumns;
import org.scalelab.scaling.fit.FitOptions;
import org.scalelab.scaling.fit.FitReport;
import org.scalelab.scaling.fit.Fits;
import org.scalelab.scaling.fit.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalelab scaling fit}: fit a scaling law to your runs (Hoffmann et al. 2022 Approaches 1-3). */
@Command(name = "fit", mixinStandardHelpOptions = true,
        description = "Fit scaling laws to training runs in a CSV: Approach 1 (envelope of training curves), 2 (IsoFLOP parabolas), "
                + "3 (parametric L = E + A/N^alpha + B/D^beta, summed Huber delta 1e-3 on log-loss, 4500 L-BFGS starts).",
        footer = {"", "Example:", "  scalelab scaling fit --data epoch-chinchilla --exclude-top-loss 5 --approach 3 --bootstrap 100 --format json"})
public final class FitCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv", required = true,
            description = "CSV of runs, or a shipped data set: epoch-chinchilla, synthetic-curves, synthetic-isoflop. Required.")
    String data;

    @Option(names = "--params-column", paramLabel = "NAME", description = "Column of parameters (default: params, or 'Model Size').")
    String paramsColumn;

    @Option(names = "--tokens-column", paramLabel = "NAME",
            description = "Column of training tokens (default: tokens; without one, tokens = flops/(6*params)).")
    String tokensColumn;

    @Option(names = "--flops-column", paramLabel = "NAME", description = "Column of training FLOPs (default: flops, or 'Training FLOP').")
    String flopsColumn;

    @Option(names = "--loss-column", paramLabel = "NAME", description = "Column of loss, nats per token (default: loss).")
    String lossColumn;

    @Option(names = "--run-column", paramLabel = "NAME", description = "Column naming the run of each checkpoint, for Approach 1 (default: run).")
    String runColumn;

    @Option(names = "--budget-column", paramLabel = "NAME", description = "Column of IsoFLOP budgets in FLOPs, for Approach 2 (default: budget).")
    String budgetColumn;

    @Option(names = "--budget-tolerance", paramLabel = "REL",
            description = "Without a budget column: group runs whose FLOPs lie within this relative band (e.g. 0.05) into IsoFLOP budgets. Default: none (every run its own budget).")
    Double budgetTolerance;

    @Option(names = "--exclude-top-loss", paramLabel = "K", defaultValue = "0",
            description = "Drop the K highest-loss rows first (Epoch dropped 5). Default: ${DEFAULT-VALUE}.")
    int excludeTopLoss;

    @Option(names = "--approach", paramLabel = "1|2|3|all", defaultValue = "all",
            description = "Which approach; 'all' runs those the columns allow and says on stderr which it skipped. Default: ${DEFAULT-VALUE}.")
    String approach;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "0",
            description = "Bootstrap replicates for 95%% confidence intervals (0 = off). Default: ${DEFAULT-VALUE}.")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Seeds.DEFAULT,
            description = "Master seed of the bootstrap. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--predict-at-flops", paramLabel = "C", description = "Also report N_opt and D_opt (and their CIs) at this budget, FLOPs. Default: none.")
    Double predictAtFlops;

    @Override
    public Integer call() throws Exception {
        FitOptions options = new FitOptions(approach, excludeTopLoss, bootstrap, seed, predictAtFlops, budgetTolerance);
        RunColumns columns = new RunColumns(paramsColumn, tokensColumn, flopsColumn, lossColumn, runColumn, budgetColumn);
        RunData rows = FitData.load(data, FitData.isShipped(data) ? null : Path.of(data), columns);
        FitReport report;
        try (var task = ProgressBars.get().start("scaling fit", 4500)) {
            report = Fits.run(rows, options, Runtime.getRuntime().availableProcessors(), task);
        }
        var err = spec.commandLine().getErr();
        report.skipped().forEach((k, why) -> err.println("scalelab scaling fit: skipped Approach " + k + ": " + why));
        if (report.bootstrap3() != null || report.bootstrap2() != null || report.bootstrap1() != null) {
            err.println("scalelab scaling fit: bootstrap seed " + seed + ", " + bootstrap + " replicates");
        }
        err.flush();
        FitJson json = FitJson.of(report, predictAtFlops);
        String by = Provenance.COMPUTED + ": Approach " + json.approach() + " of the fit below";
        // --approach 3 names the approach; with 'all' the headline's is the one the fit chose
        String approachBy = approach.equals("all") ? by : Provenance.GIVEN;
        Provenance provenance = Provenance.of(spec).put("approach", approachBy).put("a", by).put("b", by)
                .put("data.rows", Provenance.GIVEN + " (the rows of --data)")
                .put("data.used", Provenance.COMPUTED + ": the rows less the --exclude-top-loss highest-loss rows");
        Output.print(spec.commandLine().getOut(), output.format, json, provenance);
        return 0;
    }
}
