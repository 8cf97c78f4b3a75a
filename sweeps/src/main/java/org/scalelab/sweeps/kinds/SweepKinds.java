package org.scalelab.sweeps.kinds;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.sweeps.SweepKind;

/** The base kinds a sweep can vary, by {@code kind:}. */
public final class SweepKinds {
    private static final Map<String, SweepKind> BY_KIND = new TreeMap<>();

    static {
        for (SweepKind k : List.of(new ClusterSweepKind(), new MemorySweepKind(), new PlanSweepKind(), new ScalingSweepKind())) {
            BY_KIND.put(k.kind(), k);
        }
    }

    private SweepKinds() {}

    /**
     * The kind named by a base's {@code kind:}.
     *
     * @throws InvalidParameterException naming {@code base.kind} and the kinds a sweep can vary
     */
    public static SweepKind forName(String kind) {
        SweepKind k = BY_KIND.get(kind);
        if (k == null) {
            throw new InvalidParameterException("base.kind", "must be one of " + String.join(", ", BY_KIND.keySet()), kind);
        }
        return k;
    }
}
