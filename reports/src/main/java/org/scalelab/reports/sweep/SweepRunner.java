package org.scalelab.reports.sweep;

import java.io.IOException;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;

/**
 * Runs a sweep on Apache Spark. The implementation lives in the sweeps module (its jar,
 * sweeps/target/scalelab-sweeps.jar, carries Spark) and is found with {@link java.util.ServiceLoader},
 * so the main jar stays free of Spark and quick to start.
 */
public interface SweepRunner {
    /**
     * Checks every point, runs them, and writes {@code points.csv}, {@code points.parquet/} and the
     * charts into {@code context.outDir()}.
     *
     * @throws org.scalelab.common.InvalidParameterException for a bad axis value, key path or metric
     *     (naming {@code axes.<path>[i]}, {@code axes.<path>} or {@code metrics[i]}), before anything is written
     */
    SectionReport run(SweepParameters sweep, ReportContext context) throws IOException;
}
