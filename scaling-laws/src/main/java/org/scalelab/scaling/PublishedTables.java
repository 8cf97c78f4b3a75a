package org.scalelab.scaling;

import java.util.List;

/**
 * Published projection tables of Hoffmann et al. 2022, kept verbatim as fixtures: they are not
 * exactly reproducible from the closed form (Eq. 4), so they are data, not formula targets.
 */
public final class PublishedTables {
    private PublishedTables() {}

    /** A row of Table 3: parameters, FLOPs and tokens as printed. */
    public record Projection(double params, double computeFlops, double tokens) {
        public double tokensPerParam() {
            return tokens / params;
        }
    }

    /** A row of Table A3: parameters, then FLOPs and tokens for Approach 2 and Approach 3, as printed. */
    public record ProjectionA3(double params, double approach2Flops, double approach2Tokens, double approach3Flops, double approach3Tokens) { }

    /** Hoffmann et al. 2022, Table 3 (Approach 1 projections), verbatim. */
    public static List<Projection> table3() {
        return List.of(
                new Projection(400e6, 1.92e19, 8.0e9),
                new Projection(1e9, 1.21e20, 20.2e9),
                new Projection(10e9, 1.23e22, 205.1e9),
                new Projection(67e9, 5.76e23, 1.5e12),
                new Projection(175e9, 3.85e24, 3.7e12),
                new Projection(280e9, 9.90e24, 5.9e12),
                new Projection(520e9, 3.43e25, 11.0e12),
                new Projection(1e12, 1.27e26, 21.2e12),
                new Projection(10e12, 1.30e28, 216.2e12));
    }

    /**
     * Hoffmann et al. 2022, Table A3 (App. D.3), verbatim, including the printed 1.26e+24 for the
     * 175B Approach-3 FLOPs, which is a typo in the paper (6·N·D gives 1.26e25).
     */
    public static List<ProjectionA3> tableA3() {
        return List.of(
                new ProjectionA3(400e6, 1.84e19, 7.7e9, 2.21e19, 9.2e9),
                new ProjectionA3(1e9, 1.20e20, 20.0e9, 1.62e20, 27.1e9),
                new ProjectionA3(10e9, 1.32e22, 219.5e9, 2.46e22, 410.1e9),
                new ProjectionA3(67e9, 6.88e23, 1.7e12, 1.71e24, 4.1e12),
                new ProjectionA3(175e9, 4.54e24, 4.3e12, 1.26e24, 12.0e12),
                new ProjectionA3(280e9, 1.18e25, 7.1e12, 3.52e25, 20.1e12),
                new ProjectionA3(520e9, 4.19e25, 13.4e12, 1.36e26, 43.5e12),
                new ProjectionA3(1e12, 1.59e26, 26.5e12, 5.65e26, 94.1e12),
                new ProjectionA3(10e12, 1.75e28, 292.0e12, 8.55e28, 1425.5e12));
    }

    /** A published model: name, parameters, training tokens, and the source of both. */
    public record PublishedModel(String name, double params, double tokens, String source) {
        /** 6·N·D training FLOPs. */
        public double computeFlops() {
            return 6.0 * params * tokens;
        }
    }

    /** Published (params, tokens) of well-known models, for marking on frontier charts. */
    public static List<PublishedModel> models() {
        return List.of(
                new PublishedModel("GPT-3", 175e9, 300e9, "Hoffmann et al. 2022, Table 1"),
                new PublishedModel("Gopher", 280e9, 300e9, "Hoffmann et al. 2022, Table 1"),
                new PublishedModel("Chinchilla", 70e9, 1.4e12, "Hoffmann et al. 2022, Table 1"),
                new PublishedModel("Llama 3 (402B, 16.55T tokens)", 402e9, 16.55e12, "Llama 3 Herd 2024, §3.2.1: its law's optimum at 3.8e25 FLOPs"));
    }
}
