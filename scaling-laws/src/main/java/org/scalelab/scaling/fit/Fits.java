package org.scalelab.scaling.fit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.ProgressListener;

/** Runs the fitting approaches that the options ask for and the data allow. */
public final class Fits {
    private Fits() {}

    /**
     * Fits {@code all} with {@code options}. An approach asked for explicitly that the data do not
     * allow fails (naming the missing column); with {@code all} it is skipped and listed with the reason.
     *
     * @throws InvalidParameterException naming {@code data} when no approach asked for can run
     */
    public static FitReport run(RunData all, FitOptions options, int threads, ProgressListener progress) {
        RunData data = all.excludeTopLoss(options.excludeTopLoss());
        options.checkWork(data.size());
        Map<String, String> skipped = new LinkedHashMap<>();
        ParametricFitResult a3 = null;
        Bootstrap.Samples b3 = null;
        IsoFlopFit.Result a2 = null;
        Bootstrap.Samples b2 = null;
        EnvelopeFit.Result a1 = null;
        Bootstrap.Samples b1 = null;
        boolean explicit = !options.approach().equals("all");
        if (options.wants("3")) {
            long distinctParams = distinct(data.params());
            long distinctTokens = distinct(data.tokens());
            if (data.size() < 6) {
                // named by the data (--data, file key data), which is what has too few rows
                skip(skipped, explicit, "3", "data", "Approach 3 needs at least 6 rows for 5 constants", data.size() + " rows");
            } else if (distinctParams < 2 || distinctTokens < 2) {
                skip(skipped, explicit, "3", "data",
                        "Approach 3 needs at least 2 distinct params and 2 distinct tokens values (one N or one D cannot "
                        + "separate A and alpha from B and beta)", distinctParams + " distinct params, " + distinctTokens
                        + " distinct tokens");
            } else {
                a3 = ParametricFit.fit(data, ParametricFit.hoffmannGrid(), ParametricFit.DEFAULT_DELTA, threads, progress);
                if (options.bootstrap() > 0) {
                    b3 = Bootstrap.parametric(data, a3, options.bootstrap(), options.seed(), options.predictAtFlops(), threads, progress);
                }
            }
        }
        if (options.wants("2")) {
            if (!IsoFlopFit.applicable(data, options.budgetTolerance())) {
                skip(skipped, explicit, "2", "budget_column",
                        "Approach 2 needs IsoFLOP groups: a budget column (--budget-column) or --budget-tolerance", "missing");
            } else {
                try {
                    a2 = IsoFlopFit.fit(data, options.budgetTolerance());
                    if (options.bootstrap() > 0) {
                        b2 = Bootstrap.isoFlop(data, options.budgetTolerance(), options.bootstrap(), options.seed());
                    }
                } catch (InvalidParameterException e) {
                    skip(skipped, explicit, "2", e.field(), e.rule(), e.value());
                }
            }
        }
        if (options.wants("1")) {
            if (data.run() == null) {
                skip(skipped, explicit, "1", "run_column", "Approach 1 needs training curves: a run column (--run-column)", "missing");
            } else {
                try {
                    a1 = EnvelopeFit.fit(data);
                    if (options.bootstrap() > 0) {
                        b1 = Bootstrap.envelope(data, options.bootstrap(), options.seed());
                    }
                } catch (InvalidParameterException e) {
                    skip(skipped, explicit, "1", e.field(), e.rule(), e.value());
                }
            }
        }
        if (a3 == null && a2 == null && a1 == null) {
            throw new InvalidParameterException("data", "no approach could run: " + String.join("; ",
                    skipped.entrySet().stream().map(e -> e.getValue().startsWith("Approach") ? e.getValue()
                            : "Approach " + e.getKey() + " " + e.getValue()).toList()),
                    data.size() + " rows");
        }
        return new FitReport(all.size(), data.size(), a3, b3, a2, b2, a1, b1, java.util.Collections.unmodifiableMap(skipped), data);
    }

    private static long distinct(double[] values) {
        return java.util.Arrays.stream(values).distinct().count();
    }

    private static void skip(Map<String, String> skipped, boolean explicit, String approach, String field, String rule, Object value) {
        if (explicit) {
            throw new InvalidParameterException(field, rule, value);
        }
        skipped.put(approach, rule + " (" + field + " was " + value + ")");
    }
}
