package org.scalelab.reports.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scalelab.common.Check;
import org.scalelab.reports.cluster.ClusterSections;
import org.scalelab.reports.kernels.KernelsSections;
import org.scalelab.reports.memory.MemorySections;
import org.scalelab.reports.scaling.ScalingSections;
import org.scalelab.report.NotImplementedSection;
import org.scalelab.report.Section;

/** The registry of parameter-file kinds: each domain package lists its own. */
public final class Sections {
    private static final Map<String, Section<?>> BY_KIND = new TreeMap<>();

    static {
        List<Section<?>> all = new ArrayList<>();
        all.addAll(ScalingSections.all());
        all.addAll(MemorySections.all());
        all.addAll(ClusterSections.all());
        all.addAll(KernelsSections.all());
        all.add(new NotImplementedSection("plan"));
        all.forEach(s -> BY_KIND.put(s.kind(), s));
    }

    private Sections() {}

    /** The section for {@code kind}; an unknown kind fails with the list of valid ones. */
    public static Section<?> forKind(String kind) {
        Check.oneOf("kind", kind, BY_KIND.keySet());
        return BY_KIND.get(kind);
    }

    /** Every kind, sorted. */
    public static List<String> kinds() {
        return List.copyOf(BY_KIND.keySet());
    }
}
