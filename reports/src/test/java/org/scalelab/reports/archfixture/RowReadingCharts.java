package org.scalelab.reports.archfixture;

import java.util.List;
import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.ZeroStage;

/** A chart class that only reads rows: record components and enum constants. The chart rule must accept it. */
public final class RowReadingCharts {
    private RowReadingCharts() {}

    /** Reads components of a result record and properties of enum constants. */
    public static String label(List<MemoryBreakdown> rows) {
        StringBuilder b = new StringBuilder();
        for (MemoryBreakdown m : rows) {
            b.append(m.parametersBytes()).append(ZeroStage.STAGE_3.number()).append(ZeroStage.values().length);
        }
        return b.toString();
    }
}
