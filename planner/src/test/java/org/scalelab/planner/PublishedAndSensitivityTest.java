package org.scalelab.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.TransformerShape;

class PublishedAndSensitivityTest {

    @Test
    void megaScalesRunIsRecognisedAndEveryRowIsAValidation() {
        PlanSpec spec = PlanSpec.builder().params(175_000_000_000L).tokens(300e9).gpus(12_288).gpu(GpuSpec.a10080gb())
                .seq(2048).noFailures(true).build();
        Plan p = Planner.plan(spec, 1).answer();
        assertSame(Published.MEGASCALE, Published.matching(p));
        List<Published.Row> rows = Published.compare(p, spec, Published.MEGASCALE);
        assertEquals(3, rows.size());
        rows.forEach(r -> assertEquals("validation", r.kind()));
        // MegaScale Table 2: 6144 x 2048 tokens in 6.34 s is 0.504 s per million tokens.
        assertTrue(rows.get(1).published().startsWith("0.504"), rows.get(1).published());
        assertNull(Published.matching(Planner.plan(spec.withGpus(1024), 1).answer()));
    }

    @Test
    void megaScalesMatmulEfficiencyIsCalledMeasuredOrGivenNeverBoth() {
        PlanSpec spec = PlanSpec.builder().params(175_000_000_000L).tokens(300e9).gpus(12_288).gpu(GpuSpec.a10080gb())
                .seq(2048).noFailures(true).build();
        Plan p = Planner.plan(spec, 1).answer();
        String note = Published.compare(p, spec, Published.MEGASCALE).get(0).note();
        // stas00/ml-engineering's measured BF16 MAMF for A100 SXM: 271.2 of 312 TFLOP/s = 0.869, printed to 3 digits
        assertTrue(note.contains("matrix multiplies at up to 0.869 of peak (measured BF16 MAMF, A100 SXM 271.2 of 312 TFLOP/s"), note);
        assertTrue(!note.contains("assumed") && !note.contains("0.8692307"), note);
        PlanSpec given = PlanSpec.builder().params(175_000_000_000L).tokens(300e9).gpus(12_288).gpu(GpuSpec.a10080gb())
                .seq(2048).noFailures(true).matmulEfficiency(0.8).matmulEfficiencySource("given").build();
        assertEquals("0.800 of peak (given)", given.matmulEfficiencyClause());
    }

    @Test
    void llama3sInterruptionsAreCalibrationNotValidation() {
        Plan p = new Plan(405_853_388_800L, 15.6e12, 3.8e25, 16_777_216, 1.6e7, 8192, null, "h100-sxm", 16_384,
                new Layout(128, 8, 16, 1, 1, org.scalelab.memory.Recompute.NONE, 1, 0, 16),
                null, 0, 0, 20, 0.45, 50, 0.9, 55.5, new double[] {55, 56}, 2.2e7, 300.0,
                new Plan.Interruptions(480, 430, 50, java.util.Map.of()), List.of(), null, null, null, null, List.of(),
                List.of(), 1, 200, null);
        assertSame(Published.LLAMA3, Published.matching(p));
        List<Published.Row> rows = Published.compare(p, PlanSpec.builder().params(1L).gpus(8).build(), Published.LLAMA3);
        Published.Row interruptions = rows.stream().filter(r -> r.metric().startsWith("interruptions")).findFirst().orElseThrow();
        assertEquals("calibration", interruptions.kind());
        assertEquals("467", interruptions.ours()); // 480 over 55.5 days, per 54 days
    }

    private static Plan llama3Like(double mfu, Layout layout, long batchTokens) {
        return new Plan(405_853_388_800L, 15.6e12, 3.8e25, batchTokens, 1.6e7, 8192, null, "h100-sxm", 16_384, layout,
                null, 0, 0, 20, mfu, 50, 0.9, 55.5, new double[] {55, 56}, 2.2e7, 300.0, null, List.of(), null, null, null,
                null, List.of(), List.of(), 1, 200, null);
    }

    /**
     * The Llama 3 MFU row explains the gap in the direction it has (review: ours 37.7 % against 41 %
     * was explained by what our model leaves out, which would make ours higher). Built from the
     * numbers: the demo's plan (TP 8 x PP 2, ZeRO-3, 67M-token batch) against Table 4's TP 8 x PP 16
     * with 16M tokens.
     */
    @Test
    void llama3sMfuGapIsExplainedInTheDirectionItHas() {
        PlanSpec spec = PlanSpec.builder().params(1L).gpus(8).build();
        Layout ours = new Layout(1024, 8, 2, 3, 1, org.scalelab.memory.Recompute.SELECTIVE, 1, 0, 8);
        org.scalelab.cluster.step.StepBreakdown step = new org.scalelab.cluster.step.StepBreakdown(18, 2, 3, 4, 0, 1.5);
        String lower = Published.compare(llama3Like(0.3766, ours, 67_108_864L), spec, Published.LLAMA3, step).get(0).note();
        assertTrue(lower.startsWith("-3.3 points from 41 %: ours is lower."), lower);
        assertTrue(lower.contains("67,108,864 tokens") && lower.contains("4.0x Llama 3's 16M"), lower);
        assertTrue(lower.contains("TP 8 x PP 16 x DP 128") && lower.contains("tp=8 pp=2"), lower);
        // 18 of 28.5 s is model compute, 4 s exposed communication, 1.5 s bubble
        assertTrue(lower.contains("63.2 % model compute") && lower.contains("14.0 % exposed communication (ZeRO-3 gathers"
                + " included)") && lower.contains("5.3 % pipeline bubble (PP 2, 8 micro-batches)"), lower);
        assertTrue(lower.contains("which by itself would raise ours"), lower);
        assertTrue(!lower.contains("charges no stragglers"), "what we leave out cannot explain a lower MFU: " + lower);
        String higher = Published.compare(llama3Like(0.45, new Layout(128, 8, 16, 1, 1, org.scalelab.memory.Recompute.NONE,
                1, 0, 16), 16_777_216L), spec, Published.LLAMA3).get(0).note();
        assertTrue(higher.startsWith("+4.0 points from 41 %: ours is higher.") && higher.contains("charges no stragglers"),
                higher);
    }

    @Test
    void sensitivityMovesTheRightWay() {
        PlanSpec spec = PlanSpec.builder().shape(TransformerShape.llama370b()).tokens(1.4e12).gpus(1024).replications(40)
                .build();
        Planner.Outcome o = Planner.plan(spec, 2);
        List<Sensitivity.Point> gpus = Sensitivity.daysVsGpus(o, 2);
        assertTrue(gpus.size() >= 3);
        for (int i = 1; i < gpus.size(); i++) {
            assertTrue(gpus.get(i).x() > gpus.get(i - 1).x());
            assertTrue(gpus.get(i).computeDays() <= gpus.get(i - 1).computeDays());
            assertTrue(gpus.get(i).wallDays() >= gpus.get(i).computeDays());
        }
        List<Sensitivity.Point> mtbf = Sensitivity.ettrVsMtbf(o, 2);
        assertEquals(Sensitivity.FACTORS.length, mtbf.size());
        assertTrue(mtbf.get(mtbf.size() - 1).ettr() > mtbf.get(0).ettr(), "rarer failures, higher ETTR");
        List<Sensitivity.Point> interval = Sensitivity.daysVsInterval(o, 2);
        Sensitivity.Point atDaly = interval.get(2);
        // Daly's interval is near the optimum: a quarter and four times it both cost more wall time.
        assertTrue(interval.get(0).wallDays() > atDaly.wallDays());
        assertTrue(interval.get(4).wallDays() > atDaly.wallDays());
        assertTrue(Sensitivity.timeline(o).intervals().size() > 0);
    }
}
