package org.scalelab.scaling.fit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.scalelab.common.Check;
import org.scalelab.common.ProgressListener;
import org.scalelab.scaling.Chinchilla;
import org.scalelab.scaling.fit.internal.HuberLseObjective;
import org.scalelab.scaling.fit.internal.Lbfgs;

/**
 * Nonparametric bootstrap (resampling rows with replacement) of the Approach-3 fit, as Besiroglu
 * et al. 2024 did to get confidence intervals (their notebook: 4000 resamples, each refitted from
 * the full-data estimate). One master seed; replicate r uses the r-th stream split from it in
 * order, so results are identical for a seed whatever the thread count.
 */
public final class Bootstrap {
    private Bootstrap() {}

    /** The constants every replicate yields, by JSON name. */
    public static final List<String> PARAMETRIC_NAMES = List.of("E", "A", "B", "alpha", "beta", "a", "b");

    /**
     * Samples of each constant (and of {@code params_opt}/{@code tokens_opt} at the prediction
     * budget when one is given), one value per replicate in replicate order.
     */
    public record Samples(int replicates, long seed, Map<String, double[]> values) {
        /** The percentile interval [q, 1 − q] of every quantity, e.g. q = 0.025 for 95 %. */
        public Map<String, double[]> intervals(double q) {
            Map<String, double[]> out = new LinkedHashMap<>();
            values.forEach((k, v) -> out.put(k, new double[] {quantile(v, q), quantile(v, 1 - q)}));
            return out;
        }
    }

    /** Bootstraps the parametric fit {@code fit} of {@code data}. */
    public static Samples parametric(RunData data, ParametricFitResult fit, int replicates, long seed,
                                     Double predictAtFlops, int threads, ProgressListener progress) {
        Check.atLeastOne("bootstrap", replicates);
        SplittableRandom[] streams = streams(seed, replicates);
        int n = data.size();
        double[][] rows = new double[replicates][];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            Lbfgs lbfgs = new Lbfgs(HuberLseObjective.DIM, ParametricFit.MEMORY);
            for (int r = next.getAndIncrement(); r < replicates; r = next.getAndIncrement()) {
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) {
                    idx[i] = streams[r].nextInt(n);
                }
                ParametricFitResult f = ParametricFit.refit(data.select(idx), fit, ParametricFit.DEFAULT_DELTA, lbfgs);
                double[] row = new double[predictAtFlops == null ? 7 : 9];
                row[0] = f.e();
                row[1] = f.a();
                row[2] = f.b();
                row[3] = f.alpha();
                row[4] = f.beta();
                row[5] = f.paramsExponent();
                row[6] = f.tokensExponent();
                if (predictAtFlops != null) {
                    row[7] = Chinchilla.optimalParams(f.constants(), predictAtFlops);
                    row[8] = Chinchilla.optimalTokens(f.constants(), predictAtFlops);
                }
                rows[r] = row;
                progress.progress(done.incrementAndGet(), replicates);
            }
        };
        ParametricFit.runAll(worker, Math.max(1, Math.min(threads, replicates)));
        Map<String, double[]> values = new LinkedHashMap<>();
        List<String> names = new java.util.ArrayList<>(PARAMETRIC_NAMES);
        if (predictAtFlops != null) {
            names.add("params_opt");
            names.add("tokens_opt");
        }
        for (int k = 0; k < names.size(); k++) {
            final int col = k;
            values.put(names.get(k), Arrays.stream(rows).mapToDouble(r -> r[col]).toArray());
        }
        return new Samples(replicates, seed, values);
    }

    /** Bootstraps the IsoFLOP fit (Approach 2) by resampling rows within each budget group. */
    public static Samples isoFlop(RunData data, Double budgetTolerance, int replicates, long seed) {
        Check.atLeastOne("bootstrap", replicates);
        SplittableRandom[] streams = streams(seed, replicates);
        List<int[]> groups = IsoFlopFit.groups(data, budgetTolerance);
        double[] a = new double[replicates];
        double[] b = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            int total = groups.stream().mapToInt(g -> g.length).sum();
            int[] idx = new int[total];
            int p = 0;
            for (int[] g : groups) {
                for (int i = 0; i < g.length; i++) {
                    idx[p++] = g[streams[r].nextInt(g.length)];
                }
            }
            try {
                IsoFlopFit.Result f = IsoFlopFit.fit(data.select(idx), budgetTolerance);
                a[r] = f.a();
                b[r] = f.b();
            } catch (RuntimeException e) {
                a[r] = Double.NaN; // a resample without enough usable groups
                b[r] = Double.NaN;
            }
        }
        return new Samples(replicates, seed, finiteOnly(Map.of("a", a, "b", b)));
    }

    /** Bootstraps the envelope fit (Approach 1) by resampling whole training runs. */
    public static Samples envelope(RunData data, int replicates, long seed) {
        Check.atLeastOne("bootstrap", replicates);
        SplittableRandom[] streams = streams(seed, replicates);
        List<int[]> curves = EnvelopeFit.curves(data);
        double[] a = new double[replicates];
        double[] b = new double[replicates];
        for (int r = 0; r < replicates; r++) {
            int[][] pick = new int[curves.size()][];
            int total = 0;
            for (int k = 0; k < pick.length; k++) {
                pick[k] = curves.get(streams[r].nextInt(curves.size()));
                total += pick[k].length;
            }
            int[] idx = new int[total];
            String[] ids = new String[total];
            int p = 0;
            for (int k = 0; k < pick.length; k++) {
                for (int i : pick[k]) {
                    idx[p] = i;
                    ids[p++] = "r" + k; // a run drawn twice is two runs
                }
            }
            RunData s = data.select(idx);
            RunData relabelled = new RunData(s.params(), s.tokens(), s.flops(), s.loss(), ids, s.budget());
            try {
                EnvelopeFit.Result f = EnvelopeFit.fit(relabelled);
                a[r] = f.a();
                b[r] = f.b();
            } catch (RuntimeException e) {
                a[r] = Double.NaN;
                b[r] = Double.NaN;
            }
        }
        return new Samples(replicates, seed, finiteOnly(Map.of("a", a, "b", b)));
    }

    private static Map<String, double[]> finiteOnly(Map<String, double[]> m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String k : List.of("a", "b")) {
            out.put(k, Arrays.stream(m.get(k)).filter(Double::isFinite).toArray());
        }
        return out;
    }

    /** Replicate streams split in order from one master generator. */
    static SplittableRandom[] streams(long seed, int replicates) {
        SplittableRandom master = new SplittableRandom(seed);
        SplittableRandom[] s = new SplittableRandom[replicates];
        for (int r = 0; r < replicates; r++) {
            s[r] = master.split();
        }
        return s;
    }

    /** The q-quantile with linear interpolation between order statistics (numpy's default). */
    public static double quantile(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
}
