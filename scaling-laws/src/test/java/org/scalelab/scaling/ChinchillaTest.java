package org.scalelab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChinchillaTest {
    static final double GOPHER_FLOPS = 5.76e23; // Hoffmann et al. 2022 §3: Gopher's budget

    static Stream<Arguments> constantSets() {
        return Stream.of(Arguments.of("chinchilla", ChinchillaConstants.chinchillaRounded()),
                Arguments.of("chinchilla-tex", ChinchillaConstants.chinchillaTex()),
                Arguments.of("epoch", ChinchillaConstants.epoch()));
    }

    /** Contract: the closed form (Eq. 4) agrees with a numerical minimisation of Eq. 2 subject to 6ND = C. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("constantSets")
    void closedFormAgreesWithNumericalMinimum(String name, ChinchillaConstants c) {
        for (double flops : new double[] {1e18, 1e21, GOPHER_FLOPS, 3.8e25, 1e28}) {
            var f = new UnivariateObjectiveFunction(logN -> {
                double n = Math.exp(logN);
                return Chinchilla.loss(c, n, flops / (6 * n));
            });
            double logN = new BrentOptimizer(1e-12, 1e-14).optimize(new MaxEval(10_000), f, GoalType.MINIMIZE,
                    new SearchInterval(Math.log(1e3), Math.log(flops / 6 / 1e3))).getPoint();
            assertEquals(logN, Math.log(Chinchilla.optimalParams(c, flops)), 1e-5, name + " at " + flops);
            assertEquals(flops, 6 * Chinchilla.optimalParams(c, flops) * Chinchilla.optimalTokens(c, flops), flops * 1e-12);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constantSets")
    void inverseIsTheOptimumForThoseParams(String name, ChinchillaConstants c) {
        Allocation inv = Chinchilla.optimumForParams(c, 70e9);
        assertEquals(70e9, Chinchilla.optimalParams(c, inv.computeFlops()), 70e9 * 1e-9);
        assertEquals(inv.computeFlops(), 6 * inv.params() * inv.tokens(), inv.computeFlops() * 1e-12);
    }

    @Test
    void texConstantsGiveTheFortyBillionGopherOptimum() {
        // Hoffmann et al. 2022, Fig. 4 caption: Approach 3 puts the Gopher-budget optimum at "40B" (2 digits).
        assertEquals(40e9, Chinchilla.optimalParams(ChinchillaConstants.chinchillaTex(), GOPHER_FLOPS), 0.5e9);
    }

    @Test
    void approach3ExponentAsPrinted() {
        // Hoffmann et al. 2022, Table 2: Approach 3 gives a = 0.46, b = 0.54 (2 digits).
        ChinchillaConstants tex = ChinchillaConstants.chinchillaTex();
        assertEquals(0.46, tex.paramsExponent(), 0.005);
        assertEquals(0.54, tex.tokensExponent(), 0.005);
        // Besiroglu et al. 2024: their refit gives a = β/(α+β) = 0.513 (3 digits).
        assertEquals(0.513, ChinchillaConstants.epoch().paramsExponent(), 0.0005);
    }

    @Test
    void roundedConstantsAreBiasedAgainstTheTexOnes() {
        // Besiroglu et al. 2024: the rounded body constants shift the optimum substantially
        // (reference note, computed: D/N 92.7 rounded versus 58.9 TeX at 5.76e23).
        double roundedRatio = Chinchilla.optimum(ChinchillaConstants.chinchillaRounded(), GOPHER_FLOPS).tokensPerParam();
        double texRatio = Chinchilla.optimum(ChinchillaConstants.chinchillaTex(), GOPHER_FLOPS).tokensPerParam();
        assertEquals(92.7, roundedRatio, 0.1);
        assertEquals(58.9, texRatio, 0.1);
    }

    @Test
    void lossIsTheSumOfItsThreeTerms() {
        // Hoffmann et al. 2022, Eq. 2 with Eq. 10 constants.
        ChinchillaConstants c = ChinchillaConstants.chinchillaRounded();
        assertEquals(1.69 + 406.4 / Math.pow(70e9, 0.34) + 410.7 / Math.pow(1.4e12, 0.28), Chinchilla.loss(c, 70e9, 1.4e12), 1e-12);
        assertTrue(Chinchilla.loss(c, 1e30, 1e30) - 1.69 < 1e-3, "E is the irreducible loss");
    }

    @Test
    void tokensForLossInvertsEq2AtChinchillasAllocation() {
        // Hoffmann 2022, Eq. 2 with the Eq. 10 constants: Chinchilla itself, 70B parameters on 1.4T tokens
        // (§4.1, Table 1). The line of Chinchilla's predicted loss passes through D = 1.4T at N = 70B.
        ChinchillaConstants c = ChinchillaConstants.chinchillaRounded();
        double loss = Chinchilla.loss(c, 70e9, 1.4e12);
        assertEquals(1.4e12, Chinchilla.tokensForLoss(c, 70e9, loss), 1.4e12 * 1e-9);
        // by hand: D = (B/(L − E − A/N^α))^(1/β)
        double rest = loss - 1.69 - 406.4 / Math.pow(70e9, 0.34);
        assertEquals(Math.pow(410.7 / rest, 1 / 0.28), Chinchilla.tokensForLoss(c, 70e9, loss), 1.4e12 * 1e-9);
        // below E + A/N^α no amount of data reaches the loss
        assertTrue(Double.isNaN(Chinchilla.tokensForLoss(c, 70e9, 1.69 + 406.4 / Math.pow(70e9, 0.34))));
    }
}
