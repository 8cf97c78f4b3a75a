package org.scalelab.scaling.fit.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link HuberLseObjective} pass with the JDK Vector API: lane-wise exp and log (which HotSpot
 * compiles to SIMD math routines on x86), about four times faster than the scalar loop on the
 * machines we measured. Loaded only when the {@code jdk.incubator.vector} module is present;
 * {@link HuberLseObjective} falls back to its scalar loop otherwise.
 */
final class VectorHuberLse {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    private VectorHuberLse() {}

    /** Same contract as {@link HuberLseObjective#valueAndGradient}; allocation-free once compiled (escape analysis). */
    static double valueAndGradient(double[] ln, double[] ld, double[] ll, double delta, double[] x, double[] grad) {
        final double a = x[0], b = x[1], e = x[2], alpha = x[3], beta = x[4];
        DoubleVector f = DoubleVector.zero(S);
        DoubleVector ga = DoubleVector.zero(S);
        DoubleVector gb = DoubleVector.zero(S);
        DoubleVector ge = DoubleVector.zero(S);
        DoubleVector gAlpha = DoubleVector.zero(S);
        DoubleVector gBeta = DoubleVector.zero(S);
        DoubleVector ev = DoubleVector.broadcast(S, e);
        DoubleVector dv = DoubleVector.broadcast(S, delta);
        DoubleVector negDv = DoubleVector.broadcast(S, -delta);
        double halfDelta = 0.5 * delta;
        int n = ll.length;
        int bound = S.loopBound(n);
        VectorMask<Double> all = S.maskAll(true);
        for (int i = 0; i < n; i += S.length()) {
            // whole vectors, then one masked chunk for the tail: masked-off lanes load 0 and are zeroed below
            VectorMask<Double> live = i < bound ? all : S.indexInRange(i, n);
            DoubleVector lnv = DoubleVector.fromArray(S, ln, i, live);
            DoubleVector ldv = DoubleVector.fromArray(S, ld, i, live);
            DoubleVector t1 = lnv.mul(-alpha).add(a);
            DoubleVector t2 = ldv.mul(-beta).add(b);
            DoubleVector m = t1.max(t2).max(ev);
            DoubleVector e1 = t1.sub(m).lanewise(VectorOperators.EXP);
            DoubleVector e2 = t2.sub(m).lanewise(VectorOperators.EXP);
            DoubleVector e3 = ev.sub(m).lanewise(VectorOperators.EXP);
            DoubleVector s = e1.add(e2).add(e3);
            DoubleVector r = m.add(s.lanewise(VectorOperators.LOG)).sub(DoubleVector.fromArray(S, ll, i, live));
            // Huber: ½r² inside [−δ, δ], δ(|r| − ½δ) outside; derivative r inside, ±δ outside
            DoubleVector absR = r.abs();
            VectorMask<Double> outside = absR.compare(VectorOperators.GT, delta);
            DoubleVector quad = r.mul(r).mul(0.5);
            DoubleVector lin = absR.sub(halfDelta).mul(delta);
            f = f.add(quad.blend(lin, outside), live);
            DoubleVector h = r.max(negDv).min(dv);
            DoubleVector hs = h.div(s).blend(0.0, live.not());
            DoubleVector w1 = hs.mul(e1);
            DoubleVector w2 = hs.mul(e2);
            ga = ga.add(w1);
            gAlpha = gAlpha.sub(w1.mul(lnv));
            gb = gb.add(w2);
            gBeta = gBeta.sub(w2.mul(ldv));
            ge = ge.add(hs.mul(e3));
        }
        double fs = f.reduceLanes(VectorOperators.ADD);
        double gas = ga.reduceLanes(VectorOperators.ADD);
        double gbs = gb.reduceLanes(VectorOperators.ADD);
        double ges = ge.reduceLanes(VectorOperators.ADD);
        double gAlphas = gAlpha.reduceLanes(VectorOperators.ADD);
        double gBetas = gBeta.reduceLanes(VectorOperators.ADD);
        grad[0] = gas;
        grad[1] = gbs;
        grad[2] = ges;
        grad[3] = gAlphas;
        grad[4] = gBetas;
        return fs;
    }
}
