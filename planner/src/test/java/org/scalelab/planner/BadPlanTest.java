package org.scalelab.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.GpuSpec;

/** Plans that cannot be made name the binding constraint and the closest thing that works. */
class BadPlanTest {

    @Test
    void aModelThatFitsNoLayoutNamesTheFewestGpusThatWork() {
        PlanSpec spec = PlanSpec.builder().params(405_000_000_000L).tokens(1e12).gpus(8).gpu(GpuSpec.a10040gb())
                .noFailures(true).build();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Planner.plan(spec, 1));
        String m = e.getMessage();
        assertTrue(m.startsWith("gpus: 4.06e+11 params fit no layout on 8 x a100-40gb: smallest need per GPU is "), m);
        Matcher need = Pattern.compile("need at least (\\d+) GPUs").matcher(m);
        assertTrue(need.find(), m);
        int gpus = Integer.parseInt(need.group(1));
        // The count it names works, and one node fewer does not.
        Plan p = Planner.plan(spec.withGpus(gpus), 1).answer();
        assertTrue(p.perGpuBytes().total() <= GpuSpec.a10040gb().memoryBytes());
        assertThrows(InvalidParameterException.class, () -> Planner.plan(spec.withGpus(gpus - 8), 1));
    }

    @Test
    void aDeadlineNoGpuCountMeetsNamesTheFastest() {
        PlanSpec spec = PlanSpec.builder().params(7_000_000_000L).tokens(1e12).gpusRangeFrom(8).gpus(32)
                .deadlineDays(0.5).noFailures(true).build();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Planner.plan(spec, 1));
        assertEquals("deadline_days", e.field());
        assertTrue(e.getMessage().contains("is met by no GPU count in 8:32; the fastest is"), e.getMessage());
        assertTrue(e.getMessage().contains("on 32 GPUs"), e.getMessage());
    }

    @Test
    void aRangeWithADeadlinePicksTheCheapestCountThatMeetsIt() {
        PlanSpec base = PlanSpec.builder().params(7_000_000_000L).tokens(3e11).gpusRangeFrom(64).gpus(512)
                .noFailures(true).build();
        Plan fastest = Planner.plan(base, 1).answer();
        assertEquals(4, fastest.byGpus().size());
        double deadline = fastest.byGpus().get(1).wallDays() * 1.01; // 128 GPUs just meet it
        Plan p = Planner.plan(base.toBuilder().deadlineDays(deadline).build(), 1).answer();
        assertTrue(p.deadline().met());
        assertTrue(p.gpus() <= 128, "cheapest meeting the deadline: " + p.gpus());
        for (Plan.GpuCount g : p.byGpus()) {
            assertTrue(!g.meetsDeadline() || g.gpuHours() >= p.gpuHours() * (1 - 1e-12));
        }
    }
}
