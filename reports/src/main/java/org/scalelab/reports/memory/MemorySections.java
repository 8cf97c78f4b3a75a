package org.scalelab.reports.memory;

import java.util.List;
import org.scalelab.report.Section;

/** The parameter-file kinds of the memory domain. */
public final class MemorySections {
    private MemorySections() {}

    /** The {@code memory} kind. */
    public static List<Section<?>> all() {
        return List.of(new MemorySection());
    }
}
