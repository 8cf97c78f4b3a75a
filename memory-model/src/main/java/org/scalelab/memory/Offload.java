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
