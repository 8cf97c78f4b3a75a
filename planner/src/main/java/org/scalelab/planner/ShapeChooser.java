package org.scalelab.planner;

import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.TransformerShape;

/**
 * Picks a transformer shape for a parameter count when the user gives none. A dense preset of the
 * memory model ({@link TransformerShape#names()}) whose count is within 5 % of N is taken as it
 * is (the nearest one), so that 175e9 trains GPT-3's shape and 405e9 Llama 3's. Mixture-of-experts
 * presets are never chosen for a bare N: N alone does not say how many of its parameters are active;
 * give {@code --model} for one (it then keeps its shape, and the laws use its active count). Otherwise the rule follows the
 * Llama 3 family (Llama Team 2024, arXiv:2407.21783, Table 3: 8B 32 × 4096, 70B 80 × 8192, 405B
 * 126 × 16384; all with 8 KV heads, head width 128, SwiGLU, vocabulary 128,256, untied output):
 * <ul>
 * <li>head width 128 and a width h that is a multiple of 1024 (so the heads, h/128, are a multiple
 * of 8 and every TP of 1, 2, 4, 8 divides both the heads and the 8 KV heads);</li>
 * <li>a width-to-depth ratio h/L between 96 and 160 (Table 3: 128, 102 and 130; Kaplan et al. 2020,
 * §3.1 and Fig. 5, find the loss within a few percent over a much wider range of aspect ratios, so the
 * choice matters little for the loss);</li>
 * <li>an FFN width of 3.5h rounded to a multiple of 256 (Table 3: 14336 = 3.5 × 4096, 28672 = 3.5 × 8192);</li>
 * <li>of those, the shape whose parameter count is nearest N; ties go to h/L nearest 128.</li>
 * </ul>
 * Where no such shape is within 5 % of N (between the widths, below about 10e9), the rule takes
 * deeper shapes too, h/L down to 16 (Kaplan et al. 2020, §3.1 and Fig. 5: the loss varies only a few
 * percent over a wide range of aspect ratios). Every N from {@link #smallestParams()} (the shallowest
 * 1024-wide shape less 5 %; its 128,256-token vocabulary is most of it) up has a shape within 5 %;
 * below that the planner has no shape near N and rejects it, so it never times a model far from the
 * one asked for: give a shape ({@code --layers/--hidden/--heads/--vocab}) for a smaller model.
 */
public final class ShapeChooser {
    /** The vocabulary of the Llama 3 tokenizer (Table 3), tokens. */
    public static final int VOCAB = 128_256;
    /** Head width (Llama 3 Table 3: 4096/32, 8192/64, 16384/128). */
    public static final int HEAD_DIM = 128;
    /** Key/value heads (Llama 3 Table 3). */
    public static final int KV_HEADS = 8;

    private static final int MAX_HIDDEN = 65_536;

    private ShapeChooser() {}

    /** Relative distance within which a preset is taken as it is. */
    public static final double PRESET_TOLERANCE = 0.05;

    /** Deepest aspect ratio h/L the rule falls back to when the 96-160 band has no shape within 5 %. */
    static final int MIN_ASPECT = 16;

    /**
     * The nearest preset within 5 % of {@code params}, else the rule's shape nearest it (named
     * {@code auto-<L>x<h>}), always within 5 % of it.
     *
     * @throws InvalidParameterException naming {@code params} below {@link #smallestParams()}
     */
    public static TransformerShape closest(double params) {
        Check.positive("params", params);
        if (params < smallestParams()) {
            throw new InvalidParameterException("params", String.format(Locale.ROOT, "must be >= %s for the planner to "
                    + "choose a shape: its smallest, %s, has %d parameters, most of them the %,d-token vocabulary; give a "
                    + "shape (layers, hidden, heads, vocab) for a smaller model", Check.format((long) Math.ceil(smallestParams())), smallest().key(),
                    smallest().paramCount(), VOCAB), Check.format(params));
        }
        TransformerShape preset = null;
        for (String name : TransformerShape.names()) {
            TransformerShape s = TransformerShape.byName(name);
            if (s.isMoe()) {
                continue;
            }
            double error = Math.abs(s.paramCount() - params) / params;
            if (error <= PRESET_TOLERANCE && (preset == null || error < Math.abs(preset.paramCount() - params) / params)) {
                preset = s;
            }
        }
        return preset != null ? preset : byRule(params);
    }

    /** The smallest N the planner chooses a shape for: the rule's smallest shape less 5 %, parameters. */
    public static double smallestParams() {
        return smallest().paramCount() / (1 + PRESET_TOLERANCE);
    }

    private static TransformerShape smallest() {
        return shape((int) Math.ceil(1024 / 160.0), 1024);
    }

    /**
     * The rule's shape nearest {@code params} parameters, named {@code auto-<L>x<h>}: h/L in 96-160,
     * or down to {@link #MIN_ASPECT} when none of those is within 5 %.
     */
    public static TransformerShape byRule(double params) {
        Check.positive("params", params);
        TransformerShape inBand = nearest(params, 96);
        return Math.abs(inBand.paramCount() - params) <= PRESET_TOLERANCE * params ? inBand : nearest(params, MIN_ASPECT);
    }

    private static TransformerShape nearest(double params, int minAspect) {
        TransformerShape best = null;
        double bestError = Double.POSITIVE_INFINITY;
        double bestAspect = Double.POSITIVE_INFINITY;
        for (int h = 1024; h <= MAX_HIDDEN; h += 1024) {
            for (int layers = Math.max(1, (int) Math.ceil(h / 160.0)); layers <= h / minAspect; layers++) {
                TransformerShape s = shape(layers, h);
                double error = Math.abs(s.paramCount() - params) / params;
                double aspect = Math.abs(h / (double) layers - 128);
                if (error < bestError - 1e-12 || (Math.abs(error - bestError) <= 1e-12 && aspect < bestAspect)) {
                    best = s;
                    bestError = error;
                    bestAspect = aspect;
                }
            }
        }
        return best;
    }

    /** The rule's shape with {@code layers} layers of width {@code hidden}. */
    static TransformerShape shape(int layers, int hidden) {
        int ffn = (int) Math.round(3.5 * hidden / 256.0) * 256;
        return new TransformerShape("auto-" + layers + "x" + hidden, layers, hidden, hidden / HEAD_DIM, KV_HEADS, VOCAB, ffn,
                true, false, false, 0);
    }

    /** The rule in one line, for reports. */
    public static String rule() {
        return "a dense preset within 5 % of N, else the Llama 3 family (arXiv:2407.21783, Table 3): head width 128, 8 KV heads, width a multiple of 1024, "
                + "width/depth 96-160 (down to 16 when none is within 5 %), FFN 3.5 x width, vocabulary 128,256, untied; "
                + "nearest parameter count";
    }
}
