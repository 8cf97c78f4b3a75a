package org.scalelab.scaling.fit;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.scalelab.common.Check;

/**
 * Training runs to fit: one row per (run, checkpoint) or per final result. Arrays are owned by
 * the record and must not be changed.
 *
 * @param params parameters per row
 * @param tokens training tokens per row (derived as flops/(6·params) when the file has none)
 * @param flops  training FLOPs per row (derived as 6·params·tokens when the file has none)
 * @param loss   loss per row, nats per token
 * @param run    run identifier per row (training curves, Approach 1), or null
 * @param budget IsoFLOP budget per row in FLOPs (Approach 2), or null
 */
public record RunData(double[] params, double[] tokens, double[] flops, double[] loss, String[] run, double[] budget) {

    public RunData {
        int n = loss.length;
        if (params.length != n || tokens.length != n || flops.length != n
                || (run != null && run.length != n) || (budget != null && budget.length != n)) {
            throw new IllegalArgumentException("columns differ in length");
        }
        for (int i = 0; i < n; i++) {
            Check.positive("params", params[i]);
            Check.positive("tokens", tokens[i]);
            Check.positive("flops", flops[i]);
            Check.positive("loss", loss[i]);
            if (budget != null && !Double.isNaN(budget[i])) {
                Check.positive("budget", budget[i]);
            }
        }
    }

    /** Rows. */
    public int size() {
        return loss.length;
    }

    /** The rows at {@code indices} (repeats allowed: bootstrap resamples). */
    public RunData select(int[] indices) {
        return new RunData(pick(params, indices), pick(tokens, indices), pick(flops, indices), pick(loss, indices),
                run == null ? null : Arrays.stream(indices).mapToObj(i -> run[i]).toArray(String[]::new),
                budget == null ? null : pick(budget, indices));
    }

    /**
     * Drops the {@code k} highest-loss rows, as Besiroglu et al. 2024 did (5 rows of the Chinchilla
     * Fig. 4 extraction); the remaining rows keep their order. Ties keep the earlier row.
     */
    public RunData excludeTopLoss(int k) {
        Check.inRange("exclude_top_loss", k, 0, Math.max(0, size() - 1));
        if (k == 0) {
            return this;
        }
        Integer[] order = IntStream.range(0, size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -loss[i]).thenComparingInt(i -> i));
        boolean[] drop = new boolean[size()];
        for (int i = 0; i < k; i++) {
            drop[order[i]] = true;
        }
        return select(IntStream.range(0, size()).filter(i -> !drop[i]).toArray());
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }
}
