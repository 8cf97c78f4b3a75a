package org.scalelab.memory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * Bytes each parameter costs in the three model states: the working copy of the parameters, the
 * gradients, and the optimizer states (for mixed precision this includes the fp32 master copy,
 * which is why the ZeRO paper counts it in K).
 *
 * @param key             preset name or the user's label ({@code custom} when none; {@link Keyed})
 * @param parameterBytes  working parameter copy, bytes/param (2 for fp16/bf16)
 * @param gradientBytes   gradients, bytes/param
 * @param optimizerBytes  optimizer states incl. any fp32 master copy (the ZeRO paper's K), bytes/param
 */
public record BytesPerParam(String key, double parameterBytes, double gradientBytes, double optimizerBytes) implements Keyed {

    /** Validates every field (non-negative, finite; the total must be positive). */
    public BytesPerParam {
        Check.nonNegative("parameter_bytes", parameterBytes);
        Check.nonNegative("gradient_bytes", gradientBytes);
        Check.nonNegative("optimizer_bytes", optimizerBytes);
        Check.positive("bytes_per_param", parameterBytes + gradientBytes + optimizerBytes);
        key = key == null ? "custom" : key;
    }

    /** All three states, bytes/param (16 for {@code zero-paper}). */
    public double totalBytes() {
        return parameterBytes + gradientBytes + optimizerBytes;
    }

    /**
     * Bytes a full training checkpoint holds for {@code paramCount} parameters: the working
     * parameters plus the optimizer states (gradients are not saved). For {@code zero-paper}
     * 2 + 12 = 14 bytes/param. Unit: bytes.
     */
    public double checkpointBytes(long paramCount) {
        return (parameterBytes + optimizerBytes) * paramCount;
    }

    /**
     * Mixed-precision Adam as the ZeRO paper counts it: fp16 parameters 2, fp16 gradients 2,
     * K = 12 (fp32 parameters, momentum, variance 4 each). Rajbhandari et al. 2019, §3.1.
     */
    public static BytesPerParam zeroPaper() {
        return new BytesPerParam("zero-paper", 2, 2, 12);
    }

    /**
     * Megatron-LM: bf16 parameters 2, fp32 gradient accumulation buffer 4, Adam with fp32 master
     * 12: 18 bytes/param, "6 + 12/DP" with the distributed optimizer (= ZeRO stage 1 here).
     * Source: NVIDIA Megatron-LM {@code megatron/training/theoretical_memory_usage.py}.
     */
    public static BytesPerParam megatron() {
        return new BytesPerParam("megatron", 2, 4, 12);
    }

    /** Plain fp32 Adam: parameters 4, gradients 4, momentum and variance 4 each (no master copy). */
    public static BytesPerParam fp32Adam() {
        return new BytesPerParam("fp32-adam", 4, 4, 8);
    }

    /**
     * Pure bf16 Adam without an fp32 master copy: parameters 2, gradients 2, momentum and variance in
     * the parameter dtype 2 each (PyTorch's AdamW allocates its states with {@code zeros_like(param)}).
     */
    public static BytesPerParam bf16Adam() {
        return new BytesPerParam("bf16-adam", 2, 2, 4);
    }

    /**
     * SGD with momentum in mixed precision: parameters 2, gradients 2, fp32 master 4 + momentum 4.
     * EleutherAI "Transformer Math 101" (Anthony et al. 2023), optimizer states "SGD-like with momentum: 8".
     */
    public static BytesPerParam sgdMomentum() {
        return new BytesPerParam("sgd-momentum", 2, 2, 8);
    }

    /**
     * 8-bit Adam (bitsandbytes) in mixed precision: parameters 2, gradients 2, fp32 master 4 +
     * momentum 1 + variance 1. EleutherAI "Transformer Math 101", "8-bit optimizers: 6 bytes/param".
     */
    public static BytesPerParam adam8bit() {
        return new BytesPerParam("adam-8bit", 2, 2, 6);
    }

    private static final Map<String, BytesPerParam> PRESETS = presets();

    private static Map<String, BytesPerParam> presets() {
        Map<String, BytesPerParam> m = new LinkedHashMap<>();
        for (BytesPerParam b : List.of(zeroPaper(), megatron(), fp32Adam(), bf16Adam(), sgdMomentum(), adam8bit())) {
            m.put(b.key, b);
        }
        return m;
    }

    /** Preset names in a stable order. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /**
     * The preset of that name (case-insensitive).
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code preset} and listing the valid names
     */
    public static BytesPerParam byName(String name) {
        String key = name == null ? null : name.toLowerCase(Locale.ROOT);
        Check.oneOf("preset", key, names());
        return PRESETS.get(key);
    }
}
