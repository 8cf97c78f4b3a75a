package org.scalelab.memory;

import java.util.List;
import org.scalelab.common.Check;

/**
 * The ZeRO-DP stages of Rajbhandari et al. 2019 (arXiv:1910.02054, §5): which model states are
 * partitioned across the data-parallel group.
 */
public enum ZeroStage {
    /** Plain data parallelism: every rank holds all model states ("baseline"). */
    STAGE_0(false, false, false),
    /** P_os: optimizer states partitioned (§5.1). */
    STAGE_1(true, false, false),
    /** P_os+g: optimizer states and gradients partitioned (§5.2). */
    STAGE_2(true, true, false),
    /** P_os+g+p: optimizer states, gradients and parameters partitioned (§5.3). */
    STAGE_3(true, true, true);

    private final boolean optimizer;
    private final boolean gradients;
    private final boolean parameters;

    ZeroStage(boolean optimizer, boolean gradients, boolean parameters) {
        this.optimizer = optimizer;
        this.gradients = gradients;
        this.parameters = parameters;
    }

    /** The stage number 0-3. */
    public int number() {
        return ordinal();
    }

    /** The paper's name: baseline, P_os, P_os+g, P_os+g+p. */
    public String paperName() {
        return switch (this) {
            case STAGE_0 -> "baseline";
            case STAGE_1 -> "P_os";
            case STAGE_2 -> "P_os+g";
            case STAGE_3 -> "P_os+g+p";
        };
    }

    public boolean partitionsOptimizerStates() { return optimizer; }

    public boolean partitionsGradients() { return gradients; }

    public boolean partitionsParameters() { return parameters; }

    /** All stages in order. */
    public static List<ZeroStage> all() {
        return List.of(values());
    }

    /**
     * The stage with that number.
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code zero} unless 0-3
     */
    public static ZeroStage of(long number) {
        Check.inRange("zero", number, 0, 3);
        return values()[(int) number];
    }
}
