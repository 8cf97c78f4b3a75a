package org.scalelab.memory;

import java.util.List;
import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * What is moved to CPU memory (ZeRO-Offload, Ren et al. 2021, arXiv:2101.06840 §4; ZeRO-Infinity /
 * DeepSpeed {@code offload_optimizer} and {@code offload_param}).
 */
public enum Offload implements Keyed {
    /** Everything stays on the GPU. */
    NONE,
    /** Optimizer states (incl. fp32 master) live on the CPU; with ZeRO ≥ 2 the gradient partition is streamed there too. */
    OPTIMIZER,
    /** As {@link #OPTIMIZER} plus the parameter partition (ZeRO-3 only). */
    OPTIMIZER_AND_PARAMS;

    /** Name on the command line: none, optimizer, optimizer-and-params. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Names in order. */
    public static List<String> names() {
        return List.of("none", "optimizer", "optimizer-and-params");
    }

    /**
     * Refuses an offload that the ZeRO stage cannot run: DeepSpeed's {@code offload_optimizer} is
     * "valid for ZeRO stage 1, 2, 3" (DeepSpeed configuration reference, docs/_pages/config-json.md,
     * {@code offload_optimizer}), so ZeRO-0 offloads nothing; parameter offload needs stage 3
     * ({@link TrainingSetup} checks that).
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code offload}
     */
    public static void checkStage(Offload offload, int zeroStage) {
        if (offload != NONE && zeroStage == 0) {
            throw new org.scalelab.common.InvalidParameterException("offload", "needs zero >= 1 (DeepSpeed's offload_optimizer"
                    + " is valid for ZeRO stage 1, 2, 3)", offload.key());
        }
    }

    /**
     * The option of that name.
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code offload} and listing the valid names
     */
    public static Offload byName(String name) {
        String key = name == null ? null : name.toLowerCase(Locale.ROOT);
        Check.oneOf("offload", key, names());
        return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
