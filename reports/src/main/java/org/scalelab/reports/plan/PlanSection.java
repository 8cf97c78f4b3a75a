package org.scalelab.reports.plan;

import java.io.IOException;
import org.scalelab.planner.PlanSpec;
import org.scalelab.planner.Planner;
import org.scalelab.planner.params.PlanParameters;
import org.scalelab.report.ReportContext;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;

/**
 * {@code kind: plan}: one answer from a compute budget to a failure-aware training plan, drawn as
 * the plan page (allocation on the law's iso-loss chart, memory breakdown, layout table, run
 * timeline, sensitivity charts, and published runs beside ours).
 */
public final class PlanSection implements Section<PlanParameters> {
    @Override
    public String kind() {
        return "plan";
    }

    @Override
    public Class<PlanParameters> parameterType() {
        return PlanParameters.class;
    }

    @Override
    public SectionReport run(PlanParameters parameters, ReportContext context) throws IOException {
        PlanSpec spec = parameters.toSpec(context.seed());
        int threads = Runtime.getRuntime().availableProcessors();
        Planner.Outcome outcome;
        try (var task = context.task("plan", 1)) {
            outcome = Planner.plan(spec, threads);
            task.progress(1, 1);
        }
        return PlanReport.of(outcome, context, threads);
    }
}
