package org.scalelab.scaling.fit;

import java.util.List;
import org.scalelab.common.Check;

/**
 * What to fit and how.
 *
 * @param approach        {@code 1}, {@code 2}, {@code 3} or {@code all} (Hoffmann et al. 2022, §3.1-§3.3)
 * @param excludeTopLoss  drop this many highest-loss rows first (Besiroglu et al. 2024 dropped 5)
 * @param bootstrap       bootstrap replicates for confidence intervals; 0 = off
 * @param seed            master seed of the bootstrap
 * @param predictAtFlops  budget (FLOPs) at which to report N_opt and D_opt, or null
 * @param budgetTolerance relative FLOPs band that forms IsoFLOP groups when there is no budget column, or null
 */
public record FitOptions(String approach, int excludeTopLoss, int bootstrap, long seed, Double predictAtFlops, Double budgetTolerance) {
    /** The valid approach names. */
    public static final List<String> APPROACHES = List.of("1", "2", "3", "all");

    /**
     * Most bootstrap replicates: 10,000, two and a half times the 4000 of Besiroglu et al. 2024;
     * percentile intervals settle well before that, and each replicate is a full refit.
     */
    public static final int MAX_BOOTSTRAP = 10_000;
    /**
     * Most bootstrap rows refitted in one request (replicates × data rows): 10⁷, a few minutes of
     * fitting (4000 replicates of Epoch's 240 rows, about 10⁶, take 3 s end to end; BENCHMARKS.md).
     */
    public static final long MAX_BOOTSTRAP_ROWS = 10_000_000L;

    public FitOptions {
        Check.oneOf("approach", approach, APPROACHES);
        Check.atLeast("exclude_top_loss", excludeTopLoss, 0);
        Check.inRange("bootstrap", bootstrap, 0, MAX_BOOTSTRAP);
        if (predictAtFlops != null) {
            Check.inRange("predict_at_flops", predictAtFlops, org.scalelab.scaling.Law.MIN_FLOPS, org.scalelab.scaling.Law.MAX_FLOPS);
        }
        if (budgetTolerance != null) {
            Check.inHalfOpen("budget_tolerance", budgetTolerance, 0, 10);
        }
    }

    /** Fails when {@code bootstrap} refits of {@code rows} rows exceed {@link #MAX_BOOTSTRAP_ROWS}. */
    public void checkWork(int rows) {
        if ((long) bootstrap * rows > MAX_BOOTSTRAP_ROWS) {
            throw new org.scalelab.common.InvalidParameterException("bootstrap", "must be <= "
                    + MAX_BOOTSTRAP_ROWS / Math.max(1, rows) + " for " + rows + " data rows (at most " + MAX_BOOTSTRAP_ROWS
                    + " rows refitted in all)", bootstrap);
        }
    }

    /** Whether {@code n} ("1", "2", "3") was asked for. */
    public boolean wants(String n) {
        return approach.equals("all") || approach.equals(n);
    }
}
