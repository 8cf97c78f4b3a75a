package org.scalelab.scaling.fit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    @Test
    void minimisesRosenbrockFromTheClassicStart() {
        // Nocedal & Wright §2 / Exercise 3.1: Rosenbrock's function from (-1.2, 1) has its minimum 0 at (1, 1).
        Lbfgs.Function rosenbrock = (x, g) -> {
            double a = 1 - x[0], b = x[1] - x[0] * x[0];
            g[0] = -2 * a - 400 * x[0] * b;
            g[1] = 200 * b;
            return a * a + 100 * b * b;
        };
        double[] x = {-1.2, 1.0};
        Lbfgs l = new Lbfgs(2, 5);
        double f = l.minimize(rosenbrock, x, 1e-10, 1e-15, 500);
        assertEquals(0, f, 1e-16);
        assertEquals(1, x[0], 1e-7);
        assertEquals(1, x[1], 1e-7);
        assertTrue(l.iterations() < 100, "iterations " + l.iterations());
    }

    @Test
    void huberObjectiveGradientMatchesFiniteDifferences() {
        double[] ln = {Math.log(1e8), Math.log(1e9), Math.log(1e10), Math.log(3e9)};
        double[] ld = {Math.log(2e9), Math.log(2e10), Math.log(2e11), Math.log(1e10)};
        double[] ll = {Math.log(3.2), Math.log(2.6), Math.log(2.2), Math.log(2.5)};
        HuberLseObjective o = new HuberLseObjective(ln, ld, ll, 1e-3);
        double[] x = {6.0, 7.5, 0.5, 0.34, 0.37};
        double[] g = new double[5];
        o.valueAndGradient(x, g);
        for (int k = 0; k < 5; k++) {
            double h = 1e-7;
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[k] += h;
            xm[k] -= h;
            double fd = (o.value(xp) - o.value(xm)) / (2 * h);
            assertEquals(fd, g[k], 1e-6 * Math.max(1, Math.abs(fd)), "component " + k);
        }
    }

    @Test
    void huberIsQuadraticInsideDeltaAndLinearOutside() {
        // scipy.special.huber(δ, r): ½r² for |r| ≤ δ, δ(|r| − ½δ) otherwise; one point with E only (a, b → −∞).
        double[] zero = {0.0};
        HuberLseObjective o = new HuberLseObjective(zero, zero, new double[] {0.0}, 0.5);
        assertEquals(0.5 * 0.3 * 0.3, o.value(new double[] {-800, -800, 0.3, 0, 0}), 1e-12);
        assertEquals(0.5 * (2.0 - 0.25), o.value(new double[] {-800, -800, 2.0, 0, 0}), 1e-12);
    }

    @Test
    void vectorPassAgreesWithTheScalarLoopIncludingTheTail() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        for (int n : new int[] {1, 7, 8, 13, 240, 245}) {
            double[] ln = new double[n], ld = new double[n], ll = new double[n];
            for (int i = 0; i < n; i++) {
                ln[i] = Math.log(1e7) + rng.nextDouble() * 8;
                ld[i] = Math.log(1e9) + rng.nextDouble() * 6;
                ll[i] = Math.log(2 + rng.nextDouble() * 2);
            }
            HuberLseObjective o = new HuberLseObjective(ln, ld, ll, 1e-3);
            for (double[] x : new double[][] {{6.2, 7.6, 0.6, 0.35, 0.37}, {25, 0, -1, 0, 2}, {0, 25, 1, 2, 0}}) {
                double[] gv = new double[5];
                double[] gs = new double[5];
                double fv = o.valueAndGradient(x, gv);
                double fs = o.scalarValueAndGradient(x, gs);
                assertEquals(fs, fv, 1e-12 * Math.max(1, Math.abs(fs)), "n " + n);
                for (int k = 0; k < 5; k++) {
                    assertEquals(gs[k], gv[k], 1e-10 * Math.max(1, Math.abs(gs[k])), "n " + n + " component " + k);
                }
            }
        }
    }
}
