package org.scalelab.cluster.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums the step's work by op name, keeping the order in which ops first appear. */
final class OpTally {
    private final Map<String, double[]> sums = new LinkedHashMap<>();
    private final Map<String, StepOp.Kind> kinds = new LinkedHashMap<>();

    /** Adds {@code times} repetitions of an op. */
    void add(String name, StepOp.Kind kind, double seconds, double flops, double bytes, double times) {
        double[] s = sums.computeIfAbsent(name, k -> new double[3]);
        kinds.putIfAbsent(name, kind);
        s[0] += seconds * times;
        s[1] += flops * times;
        s[2] += bytes * times;
    }

    /** Adds every op of {@code other}, each {@code times} over. */
    void addAll(OpTally other, double times) {
        other.sums.forEach((name, s) -> add(name, other.kinds.get(name), s[0], s[1], s[2], times));
    }

    /** Seconds of all ops. */
    double seconds() {
        return sums.values().stream().mapToDouble(s -> s[0]).sum();
    }

    /** The ops, in order of first appearance. */
    List<StepOp> ops() {
        List<StepOp> out = new ArrayList<>();
        sums.forEach((name, s) -> out.add(new StepOp(name, kinds.get(name), s[0], s[1], s[2])));
        return out;
    }
}
