package org.scalelab.scaling.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scalelab.common.ProgressListener;
import org.scalelab.scaling.data.RunCsv;

class ParametricFitTest {
    static RunData epoch;
    static ParametricFitResult fit;

    @BeforeAll
    static void fitEpoch() {
        epoch = RunCsv.Dataset.EPOCH_CHINCHILLA.read().excludeTopLoss(5);
        long t0 = System.nanoTime();
        fit = ParametricFit.fit(epoch);
        System.out.println("fit " + fit + " in " + (System.nanoTime() - t0) / 1e6 + " ms");
    }

    @Test
    void reproducesEpochsSummedHuberFit() {
        // Besiroglu et al. 2024 (analyzing-chinchilla notebook, Huber grid fit, 240 points, δ = 1e-3, summed):
        // A = 477.84, B = 2143.86, E = 1.8172, α = 0.3473, β = 0.3672, objective 1.01827e-3;
        // the paper's estimates: A 482.01, B 2085.43, E 1.8172, α 0.3478, β 0.3658.
        assertEquals(240, epoch.size());
        assertEquals(1.817, fit.e(), 0.002);
        assertTrue(fit.a() > 470 && fit.a() < 490, "A " + fit.a());
        assertTrue(fit.b() > 2050 && fit.b() < 2200, "B " + fit.b());
        assertEquals(0.347, fit.alpha(), 0.002);
        assertEquals(0.366, fit.beta(), 0.002);
        assertEquals(1.01827e-3, fit.objective(), 0.00005e-3);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        double[][] grid = ParametricFit.hoffmannGrid();
        double[][] some = new double[300][];
        for (int i = 0; i < some.length; i++) {
            some[i] = grid[i * 15];
        }
        var one = ParametricFit.fit(epoch, some, 1e-3, 1, ProgressListener.NONE);
        var two = ParametricFit.fit(epoch, some, 1e-3, 2, ProgressListener.NONE);
        assertEquals(one, two);
    }

    @Test
    void bootstrapIntervalsMatchEpochsPublishedOnes() {
        // Besiroglu et al. 2024 (notebook, 4000 resamples) 95% intervals: E (1.769, 1.871), A (285.214, 743.626),
        // B (1042.357, 5810.344), alpha (0.317, 0.373), beta (0.331, 0.415). Percentile bounds of a bootstrap
        // vary with the resampling stream, so the tolerance is a few percent of each interval's width.
        var s = Bootstrap.parametric(epoch, fit, 4000, 20240101L, null, 2, ProgressListener.NONE).intervals(0.025);
        assertEquals(1.769, s.get("E")[0], 0.01);
        assertEquals(1.871, s.get("E")[1], 0.01);
        assertEquals(0.317, s.get("alpha")[0], 0.005);
        assertEquals(0.373, s.get("alpha")[1], 0.005);
        assertEquals(0.331, s.get("beta")[0], 0.006);
        assertEquals(0.415, s.get("beta")[1], 0.006);
        assertEquals(285.2, s.get("A")[0], 25);
        assertEquals(743.6, s.get("A")[1], 40);
        assertEquals(1042, s.get("B")[0], 150);
        assertEquals(5810, s.get("B")[1], 600);
    }
}
