package org.scalelab.scaling.params;

import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.scaling.Law;

/**
 * {@code kind: scaling}: budgets and laws to compare.
 *
 * @param budgetsFlops     training budgets in FLOPs (required, each > 0)
 * @param laws             law names (default: all of {@link Law#names()})
 * @param frontierMinFlops left end of the frontier charts, FLOPs (default 1e18)
 * @param frontierMaxFlops right end of the frontier charts, FLOPs (default 1e27)
 * @param contourLaw       the law whose loss contours are drawn (default epoch; needs a loss law)
 */
public record ScalingParameters(List<Double> budgetsFlops, List<String> laws, Double frontierMinFlops, Double frontierMaxFlops,
                                String contourLaw) {

    public ScalingParameters {
        Check.nonEmpty("budgets_flops", budgetsFlops);
        for (int i = 0; i < budgetsFlops.size(); i++) {
            Check.positive("budgets_flops[" + i + "]", Check.present("budgets_flops[" + i + "]", budgetsFlops.get(i)));
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
            throw new InvalidParameterException("frontier_max_flops", "must be > frontier_min_flops (" + frontierMinFlops + ")", frontierMaxFlops);
        }
        contourLaw = contourLaw == null ? Law.DEFAULT.key() : contourLaw;
        Law c = Law.byName("contour_law", contourLaw);
        if (c == Law.DEEPSEEK || c == Law.LLAMA3) {
            throw new InvalidParameterException("contour_law", "must be a law with a loss (epoch, chinchilla, chinchilla-tex, kaplan)", contourLaw);
        }
    }
}
