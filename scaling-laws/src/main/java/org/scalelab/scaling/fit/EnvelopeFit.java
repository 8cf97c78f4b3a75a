package org.scalelab.scaling.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Approach 1 of Hoffmann et al. 2022 (§3.1, minimum over training curves): at each of 1500
 * log-spaced FLOP values, the run whose training curve (interpolated in ln FLOPs) reaches the
 * lowest loss gives N_opt(C), and D_opt = C/(6·N_opt); power laws over those points give a and b.
 * FLOPs of a checkpoint are 6·N·(tokens seen).
 */
public final class EnvelopeFit {
    /** Hoffmann et al. 2022 §3.1: "1500 logarithmically spaced FLOP values". */
    public static final int GRID_POINTS = 1500;

    private EnvelopeFit() {}

    /** A point of the lower envelope: FLOPs, the best run's params, tokens = C/(6N), and the loss there (nats). */
    public record EnvelopePoint(double flops, double params, double tokens, double loss) { }

    /**
     * The fit.
     *
     * @param a         exponent of N_opt(C)
     * @param b         exponent of D_opt(C)
     * @param paramsLaw N_opt(C) = k·C^a
     * @param tokensLaw D_opt(C) = k·C^b
     * @param envelope  the envelope points the laws were fitted to
     * @param runs      training curves used (runs with at least 2 checkpoints)
     */
    public record Result(double a, double b, PowerLaw paramsLaw, PowerLaw tokensLaw, List<EnvelopePoint> envelope, int runs) { }

    /** Whether the data have training curves: a run column with some run of 2 or more rows. */
    public static boolean applicable(RunData data) {
        return data.run() != null && curves(data).size() >= 2;
    }

    /** Fits. */
    public static Result fit(RunData data) {
        List<int[]> curves = curves(data);
        if (curves.size() < 2) {
            throw new org.scalelab.common.InvalidParameterException("run_column",
                    "Approach 1 needs at least 2 training curves (runs with 2 or more checkpoints)", curves.size());
        }
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (int[] c : curves) {
            lo = Math.min(lo, data.flops()[c[0]]);
            hi = Math.max(hi, data.flops()[c[c.length - 1]]);
        }
        List<EnvelopePoint> envelope = new ArrayList<>();
        double lnLo = StrictMath.log(lo), lnHi = StrictMath.log(hi);
        double lastParams = Double.NaN;
        for (int k = 0; k < GRID_POINTS; k++) {
            double lnC = lnLo + (lnHi - lnLo) * k / (GRID_POINTS - 1);
            double best = Double.POSITIVE_INFINITY;
            double bestN = Double.NaN;
            for (int[] c : curves) {
                double l = interpolate(data, c, lnC);
                if (l < best) {
                    best = l;
                    bestN = data.params()[c[0]];
                }
            }
            if (Double.isFinite(best)) {
                double flops = StrictMath.exp(lnC);
                envelope.add(new EnvelopePoint(flops, bestN, flops / (6 * bestN), best));
                lastParams = bestN;
            }
        }
        if (envelope.stream().mapToDouble(EnvelopePoint::params).distinct().count() < 2) {
            throw new org.scalelab.common.InvalidParameterException("run_column",
                    "Approach 1 needs the envelope to pass through at least 2 model sizes", lastParams);
        }
        double[] c = envelope.stream().mapToDouble(EnvelopePoint::flops).toArray();
        PowerLaw nLaw = PowerLaw.fit(c, envelope.stream().mapToDouble(EnvelopePoint::params).toArray());
        PowerLaw dLaw = PowerLaw.fit(c, envelope.stream().mapToDouble(EnvelopePoint::tokens).toArray());
        return new Result(nLaw.exponent(), dLaw.exponent(), nLaw, dLaw, List.copyOf(envelope), curves.size());
    }

    /** Row indices per run (runs of 2+ rows), each sorted by FLOPs, runs in first-seen order. */
    static List<int[]> curves(RunData data) {
        Map<String, List<Integer>> byRun = new LinkedHashMap<>();
        for (int i = 0; i < data.size(); i++) {
            String r = data.run()[i];
            if (r != null && !r.isEmpty()) {
                byRun.computeIfAbsent(r, x -> new ArrayList<>()).add(i);
            }
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> rows : byRun.values()) {
            if (rows.size() >= 2) {
                int[] idx = rows.stream().mapToInt(Integer::intValue).toArray();
                Integer[] boxed = Arrays.stream(idx).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, (i, j) -> Double.compare(data.flops()[i], data.flops()[j]));
                out.add(Arrays.stream(boxed).mapToInt(Integer::intValue).toArray());
            }
        }
        return out;
    }

    /** Loss of curve {@code c} at ln FLOPs {@code lnC}, linear in ln FLOPs; +inf outside the curve. */
    private static double interpolate(RunData data, int[] c, double lnC) {
        double first = StrictMath.log(data.flops()[c[0]]);
        double last = StrictMath.log(data.flops()[c[c.length - 1]]);
        if (lnC < first || lnC > last) {
            return Double.POSITIVE_INFINITY;
        }
        for (int k = 1; k < c.length; k++) {
            double x1 = StrictMath.log(data.flops()[c[k]]);
            if (lnC <= x1) {
                double x0 = StrictMath.log(data.flops()[c[k - 1]]);
                double y0 = data.loss()[c[k - 1]], y1 = data.loss()[c[k]];
                return x1 == x0 ? Math.min(y0, y1) : y0 + (y1 - y0) * (lnC - x0) / (x1 - x0);
            }
        }
        return data.loss()[c[c.length - 1]];
    }
}
