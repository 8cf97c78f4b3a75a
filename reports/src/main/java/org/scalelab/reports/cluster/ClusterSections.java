package org.scalelab.reports.cluster;

import java.util.List;
import org.scalelab.report.Section;

/** The parameter-file kinds of the cluster domain. */
public final class ClusterSections {
    private ClusterSections() {}

    public static List<Section<?>> all() {
        return List.of(new ClusterSection());
    }
}
