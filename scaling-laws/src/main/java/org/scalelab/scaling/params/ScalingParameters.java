package org.scalelab.scaling.params;

import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.scaling.Law;

/**
 * {@code kind: scaling}: budgets and laws to compare, and optionally the single question of
 * {@code scalelab scaling optimal} or {@code scalelab scaling loss} under one law.
 *
 * <p>The question keys combine as the subcommands' options do: {@code compute_flops} alone asks for
 * the compute-optimal N and D at that budget ({@code scaling optimal --compute-flops}); {@code params}
 * alone asks for the budget at which that size is optimal ({@code scaling optimal --params});
 * {@code params} with {@code tokens} asks for the loss ({@code scaling loss}). {@code law} names the
 * law that answers and needs one of these questions. Any other combination is rejected naming the key.
 *
 * @param budgetsFlops     training budgets in FLOPs (required, each > 0)
 * @param laws             law names (default: all of {@link Law#names()})
 * @param frontierMinFlops left end of the frontier charts, FLOPs (default 1e18)
 * @param frontierMaxFlops right end of the frontier charts, FLOPs (default 1e27)
 * @param contourLaw       the law whose loss contours are drawn (default epoch; needs a loss law)
 * @param law              the law answering the single question (default {@link Law#DEFAULT}, epoch)
 * @param computeFlops     question: the compute-optimal allocation at this budget, FLOPs (optional)
 * @param params           question: the budget at which this size is optimal, or with {@code tokens}
 *                         the loss at this size; parameters in the law's convention (optional)
 * @param tokens           question: the loss at {@code params} trained on this many tokens (optional)
 */
public record ScalingParameters(List<Double> budgetsFlops, List<String> laws, Double frontierMinFlops, Double frontierMaxFlops,
                                String contourLaw, String law, Double computeFlops, Double params, Double tokens) {

    /** The single question a file asks besides its report. */
    public enum Question {
        /** No question: the report over budgets and laws only. */
        NONE,
        /** {@code compute_flops}: the compute-optimal N and D at the budget. */
        OPTIMAL_AT_BUDGET,
        /** {@code params}: the budget at which the size is compute-optimal. */
        OPTIMAL_FOR_PARAMS,
        /** {@code params} and {@code tokens}: the loss. */
        LOSS
    }

    public ScalingParameters {
        Check.nonEmpty("budgets_flops", budgetsFlops);
        for (int i = 0; i < budgetsFlops.size(); i++) {
            // the laws' own bound (Law.optimum), checked where the budget is read
            Check.inRange("budgets_flops[" + i + "]", Check.present("budgets_flops[" + i + "]", budgetsFlops.get(i)), Law.MIN_FLOPS, Law.MAX_FLOPS);
        }
        budgetsFlops = List.copyOf(budgetsFlops);
        laws = laws == null ? Law.names() : List.copyOf(Check.nonEmpty("laws", laws));
        for (int i = 0; i < laws.size(); i++) {
            Law.byName("laws[" + i + "]", laws.get(i));
        }
        frontierMinFlops = frontierMinFlops == null ? 1e18 : frontierMinFlops;
        frontierMaxFlops = frontierMaxFlops == null ? 1e27 : frontierMaxFlops;
        Check.positive("frontier_min_flops", frontierMinFlops);
        Check.positive("frontier_max_flops", frontierMaxFlops);
        if (!(frontierMaxFlops > frontierMinFlops)) {
            throw new InvalidParameterException("frontier_max_flops", "must be > frontier_min_flops (" + Check.format(frontierMinFlops) + ")", frontierMaxFlops);
        }
        contourLaw = contourLaw == null ? Law.DEFAULT.key() : contourLaw;
        Law.byName("contour_law", contourLaw).requireLoss("contour_law");
        checkQuestion(law, computeFlops, params, tokens);
        law = law == null ? Law.DEFAULT.key() : law;
        Law answering = Law.byName("law", law);
        // the subcommands' own checks, so a bad question fails when the file is read, naming its key
        switch (question(computeFlops, params, tokens)) {
            case OPTIMAL_AT_BUDGET -> answering.optimum(computeFlops);
            case OPTIMAL_FOR_PARAMS -> answering.optimumForParams(params);
            case LOSS -> answering.requireLoss("law").loss(params, tokens);
            case NONE -> { }
        }
    }

    /** Which question the file asks. */
    public Question question() {
        return question(computeFlops, params, tokens);
    }

    private static Question question(Double computeFlops, Double params, Double tokens) {
        if (computeFlops != null) {
            return Question.OPTIMAL_AT_BUDGET;
        }
        if (params != null) {
            return tokens == null ? Question.OPTIMAL_FOR_PARAMS : Question.LOSS;
        }
        return Question.NONE;
    }

    /** The combinations {@code scaling optimal} and {@code scaling loss} accept, and no other. */
    private static void checkQuestion(String law, Double computeFlops, Double params, Double tokens) {
        if (computeFlops != null && params != null) {
            throw new InvalidParameterException("params", "give either compute_flops (the optimum at a budget) or params"
                    + " (the budget for a size, or with tokens the loss), not both", params);
        }
        if (tokens != null && params == null) {
            throw new InvalidParameterException("tokens", "needs params: the question is the loss at params and tokens"
                    + (computeFlops != null ? "; compute_flops asks for the optimum instead" : ""), tokens);
        }
        if (law != null && computeFlops == null && params == null) {
            throw new InvalidParameterException("law", "names the law of the single question and needs compute_flops, params,"
                    + " or params and tokens; the report's laws are set by laws", law);
        }
    }
}
