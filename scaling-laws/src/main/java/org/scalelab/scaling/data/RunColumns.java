package org.scalelab.scaling.data;

import java.util.List;
import java.util.Map;

/**
 * Which CSV columns hold what. A null name means "the default": {@code params}, {@code tokens},
 * {@code flops}, {@code loss}, {@code run}, {@code budget}; for a default that is absent the
 * reader also accepts the column names of Epoch AI's Chinchilla extraction ({@code Model Size},
 * {@code Training FLOP}). Names given explicitly must exist.
 */
public record RunColumns(String params, String tokens, String flops, String loss, String run, String budget) {

    /** All defaults. */
    public static RunColumns defaults() {
        return new RunColumns(null, null, null, null, null, null);
    }

    static final Map<String, List<String>> DEFAULTS = Map.of(
            "params", List.of("params", "Model Size"),
            "tokens", List.of("tokens"),
            "flops", List.of("flops", "Training FLOP"),
            "loss", List.of("loss"),
            "run", List.of("run"),
            "budget", List.of("budget", "budget_flops"));
}
