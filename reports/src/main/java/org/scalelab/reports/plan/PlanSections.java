package org.scalelab.reports.plan;

import java.util.List;
import org.scalelab.report.Section;

/** The parameter-file kinds of the planner. */
public final class PlanSections {
    private PlanSections() {}

    public static List<Section<?>> all() {
        return List.of(new PlanSection());
    }
}
