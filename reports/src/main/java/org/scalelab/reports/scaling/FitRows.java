package org.scalelab.reports.scaling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalelab.scaling.Chinchilla;
import org.scalelab.scaling.ChinchillaConstants;
import org.scalelab.scaling.fit.FitReport;
import org.scalelab.scaling.fit.IsoFlopFit;
import org.scalelab.scaling.fit.RunData;

/** The rows the {@code scaling-fit} charts draw ({@link FitCharts}), computed from a fit with scaling-laws' API. */
final class FitRows {
    private FitRows() {}

    /** What a point of an IsoFLOP chart is; the label is the data table's {@code origin}. */
    enum Origin {
        RUN("run"), PARABOLA("parabola (Approach 2)"), PARABOLA_MINIMUM("parabola minimum (Approach 2)"),
        FITTED_LAW("fitted law (Approach 3)"), CLOSED_FORM_MINIMUM("closed-form minimum (Approach 3)"), DATA("data");

        final String label;

        Origin(String label) {
            this.label = label;
        }
    }

    /** A point of an IsoFLOP chart: its budget's series ("C = 1e+20 FLOPs", or "runs"), N, loss (nats) and origin. */
    record IsoFlopPoint(String series, double params, double loss, Origin origin) { }

    /** A run beside the Approach-3 law: its FLOPs, N, D, loss (nats) and ln L − ln L̂. */
    record Residual(double flops, double params, double tokens, double loss, double logResidual) { }

    /**
     * IsoFLOP curves (loss against N per budget) with their minima. With Approach 2: the runs of each
     * group, its parabola over the group's N range (40 points) and its minimum. Otherwise, with
     * Approach 3: the fitted law along 6ND = C at 5 budgets spanning the data (60 points each, N from
     * half the smallest to twice the largest run), its closed-form minima, then the runs.
     */
    static List<IsoFlopPoint> isoFlop(FitReport r) {
        List<IsoFlopPoint> rows = new ArrayList<>();
        RunData d = r.data();
        if (r.approach2() != null) {
            List<IsoFlopFit.Minimum> ms = r.approach2().minima();
            for (int k = 0; k < ms.size(); k++) {
                // The fit's own group and parabola: the chart cannot disagree with the minima it shows.
                IsoFlopFit.Minimum m = ms.get(k);
                IsoFlopFit.Curve curve = r.approach2().curves().get(k);
                String label = label(m.budgetFlops());
                double[] px = Arrays.stream(curve.rows()).mapToDouble(i -> d.params()[i]).toArray();
                for (int i : curve.rows()) {
                    rows.add(new IsoFlopPoint(label, d.params()[i], d.loss()[i], Origin.RUN));
                }
                for (double n : ScalingRows.logSpace(Arrays.stream(px).min().orElseThrow(), Arrays.stream(px).max().orElseThrow(), 40)) {
                    rows.add(new IsoFlopPoint(label, n, curve.loss(n), Origin.PARABOLA));
                }
                rows.add(new IsoFlopPoint(label, m.params(), m.loss(), Origin.PARABOLA_MINIMUM));
            }
            return rows;
        }
        ChinchillaConstants c = r.approach3().constants();
        double nLo = Arrays.stream(d.params()).min().orElseThrow() / 2;
        double nHi = Arrays.stream(d.params()).max().orElseThrow() * 2;
        for (double budget : ScalingRows.logSpace(Arrays.stream(d.flops()).min().orElseThrow(),
                Arrays.stream(d.flops()).max().orElseThrow(), 5)) {
            for (double n : ScalingRows.logSpace(nLo, nHi, 60)) {
                rows.add(new IsoFlopPoint(label(budget), n, Chinchilla.loss(c, n, budget / (6 * n)), Origin.FITTED_LAW));
            }
            double nOpt = Chinchilla.optimalParams(c, budget);
            rows.add(new IsoFlopPoint(label(budget), nOpt, Chinchilla.loss(c, nOpt, Chinchilla.optimalTokens(c, budget)),
                    Origin.CLOSED_FORM_MINIMUM));
        }
        for (int i = 0; i < d.size(); i++) {
            rows.add(new IsoFlopPoint("runs", d.params()[i], d.loss()[i], Origin.DATA));
        }
        return rows;
    }

    /** Residuals ln L − ln L̂ of the Approach-3 fit (Hoffmann et al. 2022, Eq. 2 with the fitted constants), run by run. */
    static List<Residual> residuals(FitReport r) {
        RunData d = r.data();
        ChinchillaConstants c = r.approach3().constants();
        List<Residual> rows = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            double res = Math.log(d.loss()[i]) - Math.log(Chinchilla.loss(c, d.params()[i], d.tokens()[i]));
            rows.add(new Residual(d.flops()[i], d.params()[i], d.tokens()[i], d.loss()[i], res));
        }
        return rows;
    }

    private static String label(double flops) {
        return String.format(Locale.ROOT, "C = %.2g FLOPs", flops);
    }
}
