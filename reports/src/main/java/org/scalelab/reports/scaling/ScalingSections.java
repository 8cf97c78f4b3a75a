package org.scalelab.reports.scaling;

import java.util.List;
import org.scalelab.report.Section;

/** The parameter-file kinds of the scaling domain. */
public final class ScalingSections {
    private ScalingSections() {}

    public static List<Section<?>> all() {
        return List.of(new ScalingSection(), new ScalingFitSection());
    }
}
