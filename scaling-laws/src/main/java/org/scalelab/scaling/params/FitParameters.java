package org.scalelab.scaling.params;

import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.scaling.data.RunColumns;
import org.scalelab.scaling.fit.FitOptions;

/**
 * {@code kind: scaling-fit}: a data file and fit options.
 *
 * @param data             CSV path, relative to the parameter file (or give {@code dataset})
 * @param dataset          a shipped data set: epoch-chinchilla, synthetic-curves, synthetic-isoflop
 * @param paramsColumn     column of parameters (default params, or Epoch's 'Model Size')
 * @param tokensColumn     column of training tokens (default tokens; without one, tokens = flops/(6·params))
 * @param flopsColumn      column of training FLOPs (default flops, or Epoch's 'Training FLOP')
 * @param lossColumn       column of loss, nats per token (default loss)
 * @param runColumn        column naming the run of each checkpoint, for Approach 1 (default run)
 * @param budgetColumn     column of IsoFLOP budgets in FLOPs, for Approach 2 (default budget)
 * @param excludeTopLoss   drop the K highest-loss rows (default 0)
 * @param approach         1, 2, 3 or all (default all)
 * @param bootstrap        bootstrap replicates (default 0 = off; 100 is a modest demo)
 * @param predictAtFlops   budget at which to report N_opt, D_opt, FLOPs (optional)
 * @param budgetTolerance  relative FLOPs band forming IsoFLOP groups without a budget column (optional)
 */
public record FitParameters(String data, String dataset, String paramsColumn, String tokensColumn, String flopsColumn,
                            String lossColumn, String runColumn, String budgetColumn, Integer excludeTopLoss, String approach,
                            Integer bootstrap, Double predictAtFlops, Double budgetTolerance) {

    public FitParameters {
        if ((data == null) == (dataset == null)) {
            throw new InvalidParameterException(data == null ? "data" : "dataset", "give exactly one of data (a CSV path) and dataset (a shipped name)",
                    data == null ? "missing" : data + " and " + dataset);
        }
        if (dataset != null && org.scalelab.scaling.data.RunCsv.Dataset.byName(dataset) == null) {
            Check.oneOf("dataset", dataset, java.util.Arrays.stream(org.scalelab.scaling.data.RunCsv.Dataset.values()).map(org.scalelab.scaling.data.RunCsv.Dataset::key).toList());
        }
        excludeTopLoss = excludeTopLoss == null ? 0 : excludeTopLoss;
        approach = approach == null ? "all" : approach;
        bootstrap = bootstrap == null ? 0 : bootstrap;
        // validates every option with its field name
        new FitOptions(approach, excludeTopLoss, bootstrap, 0L, predictAtFlops, budgetTolerance);
    }

    /** The same parameters with {@code bootstrap} replicates. */
    public FitParameters withBootstrap(int replicates) {
        return new FitParameters(data, dataset, paramsColumn, tokensColumn, flopsColumn, lossColumn, runColumn, budgetColumn,
                excludeTopLoss, approach, replicates, predictAtFlops, budgetTolerance);
    }

    /** The CSV columns named by the {@code *_column} keys (null: the default name). */
    public RunColumns runColumns() {
        return new RunColumns(paramsColumn, tokensColumn, flopsColumn, lossColumn, runColumn, budgetColumn);
    }

    /** The fit options with the report's seed. */
    public FitOptions options(long seed) {
        return new FitOptions(approach, excludeTopLoss, bootstrap, seed, predictAtFlops, budgetTolerance);
    }
}
