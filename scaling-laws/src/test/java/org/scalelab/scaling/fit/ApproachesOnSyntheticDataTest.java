package org.scalelab.scaling.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.ProgressListener;
import org.scalelab.scaling.data.RunCsv;
import org.scalelab.scaling.data.SyntheticRuns;

/** Each approach recovers the known law behind the seeded synthetic data (Chinchilla TeX constants, a = 0.4565). */
class ApproachesOnSyntheticDataTest {
    static final double TRUE_A = SyntheticRuns.TRUTH.paramsExponent();

    @Test
    void approach1RecoversTheExponentFromTrainingCurves() {
        RunData curves = RunCsv.Dataset.SYNTHETIC_CURVES.read();
        assertTrue(EnvelopeFit.applicable(curves));
        var r = EnvelopeFit.fit(curves);
        assertEquals(TRUE_A, r.a(), 0.03);
        assertEquals(1 - TRUE_A, r.b(), 0.03);
        assertEquals(16, r.runs());
    }

    @Test
    void approach2RecoversTheExponentFromIsoFlopGroups() {
        RunData iso = RunCsv.Dataset.SYNTHETIC_ISOFLOP.read();
        var r = IsoFlopFit.fit(iso, null);
        assertEquals(9, r.minima().size());
        assertEquals(TRUE_A, r.a(), 0.02);
        assertEquals(1.0, r.a() + r.b(), 1e-9); // D = C/(6N) makes b = 1 − a exactly
        // grouping by a FLOPs band finds the same 9 groups
        RunData noBudget = new RunData(iso.params(), iso.tokens(), iso.flops(), iso.loss(), null, null);
        assertEquals(r.a(), IsoFlopFit.fit(noBudget, 0.05).a(), 1e-9);
        assertFalse(IsoFlopFit.applicable(noBudget, null));
    }

    @Test
    void eachMinimumComesWithTheGroupAndParabolaItWasFoundOn() {
        RunData iso = RunCsv.Dataset.SYNTHETIC_ISOFLOP.read();
        var r = IsoFlopFit.fit(iso, null);
        assertEquals(r.minima().size(), r.curves().size());
        for (int k = 0; k < r.minima().size(); k++) {
            IsoFlopFit.Minimum m = r.minima().get(k);
            IsoFlopFit.Curve c = r.curves().get(k);
            assertEquals(m.budgetFlops(), c.budgetFlops());
            assertEquals(m.runs(), c.rows().length);
            for (int i : c.rows()) {
                assertEquals(m.budgetFlops(), iso.budget()[i]); // the group is the budget column's
            }
            assertEquals(m.loss(), c.loss(m.params()), 1e-9 * m.loss()); // the minimum lies on the curve
            assertTrue(c.loss(m.params() * 1.5) > m.loss() && c.loss(m.params() / 1.5) > m.loss());
        }
    }

    @Test
    void approach3RecoversTheConstants() {
        RunData iso = RunCsv.Dataset.SYNTHETIC_ISOFLOP.read();
        var r = ParametricFit.fit(iso);
        assertEquals(SyntheticRuns.TRUTH.alpha(), r.alpha(), 0.05);
        assertEquals(SyntheticRuns.TRUTH.beta(), r.beta(), 0.05);
        assertEquals(SyntheticRuns.TRUTH.e(), r.e(), 0.1);
        assertEquals(TRUE_A, r.paramsExponent(), 0.03);
    }

    @Test
    void bootstrapIsReproducibleForASeedWhateverTheThreads() {
        RunData iso = RunCsv.Dataset.SYNTHETIC_ISOFLOP.read();
        var fit = ParametricFit.fit(iso);
        var one = Bootstrap.parametric(iso, fit, 24, 7L, 1e22, 1, ProgressListener.NONE);
        var two = Bootstrap.parametric(iso, fit, 24, 7L, 1e22, 2, ProgressListener.NONE);
        for (String k : one.values().keySet()) {
            assertArrayEquals(one.values().get(k), two.values().get(k), k);
        }
        var other = Bootstrap.parametric(iso, fit, 24, 8L, 1e22, 2, ProgressListener.NONE);
        assertFalse(java.util.Arrays.equals(one.values().get("a"), other.values().get("a")));
        double[] ci = one.intervals(0.025).get("a");
        assertTrue(ci[0] < fit.paramsExponent() + 0.02 && ci[1] > fit.paramsExponent() - 0.02, java.util.Arrays.toString(ci));
        assertEquals(24, one.values().get("params_opt").length);
    }

    @Test
    void quantileInterpolatesLikeNumpy() {
        // numpy.quantile([1, 2, 3, 4], 0.25) = 1.75
        assertEquals(1.75, Bootstrap.quantile(new double[] {4, 1, 3, 2}, 0.25), 1e-12);
    }
}
