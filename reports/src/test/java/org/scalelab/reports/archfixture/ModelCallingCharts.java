package org.scalelab.reports.archfixture;

import org.scalelab.memory.MemoryBreakdown;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.TrainingSetup;

/** A chart class that computes instead of drawing rows: ArchitectureTest's chart rule must reject it. */
public final class ModelCallingCharts {
    private ModelCallingCharts() {}

    /** Calls the memory model, then a derived method of its result record. */
    public static double total(TrainingSetup setup) {
        MemoryBreakdown m = MemoryModel.estimate(setup);
        return m.totalBytes();
    }
}
