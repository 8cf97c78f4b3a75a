package org.scalelab.reports.sweep;

import java.io.IOException;
import java.util.ServiceLoader;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.ReportContext;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;

/** {@code kind: sweep}: a grid over a base file's keys, run on Apache Spark (see {@link SweepRunner}). */
public final class SweepSection implements Section<SweepParameters> {
    @Override
    public String kind() {
        return "sweep";
    }

    @Override
    public Class<SweepParameters> parameterType() {
        return SweepParameters.class;
    }

    @Override
    public SectionReport run(SweepParameters sweep, ReportContext context) throws IOException {
        return runner().run(sweep, context);
    }

    /** The Spark runner on the class path (the sweeps jar), else a one-line error. */
    static SweepRunner runner() {
        return ServiceLoader.load(SweepRunner.class).findFirst().orElseThrow(() -> new InvalidParameterException(
                "kind: sweep runs on Apache Spark, which this jar does not carry: run the file with ./scalelab sweep FILE"
                        + " (./scalelab uses sweeps/target/scalelab-sweeps.jar for sweep, demo and a run of a sweep file)"));
    }
}
