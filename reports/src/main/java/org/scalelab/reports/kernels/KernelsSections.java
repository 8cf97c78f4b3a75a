package org.scalelab.reports.kernels;

import java.util.List;
import org.scalelab.report.Section;

/** The parameter-file kinds of the kernels domain. */
public final class KernelsSections {
    private KernelsSections() {}

    public static List<Section<?>> all() {
        return List.of(new KernelsSection());
    }
}
