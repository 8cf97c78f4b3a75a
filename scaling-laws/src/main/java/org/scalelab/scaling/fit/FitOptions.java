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

    public FitOptions {
        Check.oneOf("approach", approach, APPROACHES);
        Check.atLeast("exclude_top_loss", excludeTopLoss, 0);
        Check.atLeast("bootstrap", bootstrap, 0);
        if (predictAtFlops != null) {
            Check.positive("predict_at_flops", predictAtFlops);
        }
        if (budgetTolerance != null) {
            Check.inHalfOpen("budget_tolerance", budgetTolerance, 0, 10);
        }
    }

    /** Whether {@code n} ("1", "2", "3") was asked for. */
    public boolean wants(String n) {
        return approach.equals("all") || approach.equals(n);
    }
}
