package org.scalelab.sweeps.kinds;

import java.util.List;

/** Packs metric estimates into the flat (mean, lo, hi) array a {@link org.scalelab.sweeps.PointModel} returns. */
final class Metrics {
    private Metrics() {}

    /** An estimate with its 95 % interval; NaN where the kind has no value (e.g. goodput of an abstract job). */
    record Value(double mean, double lo, double hi) {
        static final Value NONE = new Value(Double.NaN, Double.NaN, Double.NaN);

        static Value exact(double v) {
            return new Value(v, v, v);
        }

        /** An exact value, or {@link #NONE} where the kind has none (null). */
        static Value orNone(Number v) {
            return v == null ? NONE : exact(v.doubleValue());
        }

        static Value of(Double mean, double[] ci) {
            return mean == null ? NONE : new Value(mean, ci[0], ci[1]);
        }
    }

    /** The values of {@code names}, in order, from {@code lookup}. */
    static double[] pack(List<String> names, java.util.function.Function<String, Value> lookup) {
        double[] out = new double[3 * names.size()];
        for (int i = 0; i < names.size(); i++) {
            Value v = lookup.apply(names.get(i));
            out[3 * i] = v.mean();
            out[3 * i + 1] = v.lo();
            out[3 * i + 2] = v.hi();
        }
        return out;
    }
}
