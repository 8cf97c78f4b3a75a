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
    void llama3sInterruptionsAreCalibrationNotValidation() {
        Plan p = new Plan(405_853_388_800L, 15.6e12, 3.8e25, 16_777_216, 1.6e7, 8192, null, "h100-sxm", 16_384,
                new Layout(128, 8, 16, 1, 1, org.scalelab.memory.Recompute.NONE, 1, 0, 16),
                null, 0, 20, 0.45, 50, 0.9, 55.5, new double[] {55, 56}, 2.2e7, 300.0,
                new Plan.Interruptions(480, 430, 50, java.util.Map.of()), List.of(), null, null, null, null, List.of(),
                List.of(), 1, 200, null);
        assertSame(Published.LLAMA3, Published.matching(p));
        List<Published.Row> rows = Published.compare(p, PlanSpec.builder().params(1L).gpus(8).build(), Published.LLAMA3);
        Published.Row interruptions = rows.stream().filter(r -> r.metric().startsWith("interruptions")).findFirst().orElseThrow();
        assertEquals("calibration", interruptions.kind());
        assertEquals("467", interruptions.ours()); // 480 over 55.5 days, per 54 days
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
