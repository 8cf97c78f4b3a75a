package org.scalelab.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.TransformerShape;

/** Plans of mixture-of-experts models: N is the total count, the laws use the active count, EP is searched. */
class MoePlanTest {

    @Test
    void theTotalSizesTheStatesAndTheActiveCountSizesTheCompute() {
        TransformerShape ds = TransformerShape.deepseekV3();
        Allocation a = Allocator.allocate(PlanSpec.builder().shape(ds).tokens(14.8e12).gpus(2048).gpu(GpuSpec.h800()).build());
        assertEquals(ds.paramCount(), a.params());
        assertEquals(ds.activeParamCount(), a.activeParams());
        // C = 6 N_active D (Kaplan et al. 2020, Section 2.1, with the parameters a token passes through):
        // DeepSeek-V3's 37B active parameters on 14.8T tokens are about 3.3e24 FLOPs.
        assertEquals(6.0 * ds.activeParamCount() * 14.8e12, a.computeFlops(), 1e-9 * a.computeFlops());
        assertEquals(3.3e24, a.computeFlops(), 0.05e24);
        assertNull(a.lossNats()); // no fitted law for routed models: no loss claimed
        assertTrue(a.warnings().contains(Allocator.MOE_LAW_NOTE), a.warnings().toString());
    }

    @Test
    void withoutTokensTheLawIsAskedAtTheActiveCount() {
        TransformerShape mixtral = TransformerShape.mixtral8x7b();
        PlanSpec spec = PlanSpec.builder().shape(mixtral).gpus(64).build();
        Allocation a = Allocator.allocate(spec);
        assertEquals(spec.law().optimumForParams(mixtral.activeParamCount()).tokens(), a.tokens(), 1e-6 * a.tokens());
        assertTrue(a.choices().stream().anyMatch(c -> c.startsWith("tokens: compute-optimal for N_active")), a.choices().toString());
        // with a budget, D = C / (6 N_active)
        Allocation b = Allocator.allocate(PlanSpec.builder().shape(mixtral).computeFlops(1e23).gpus(64).build());
        assertEquals(1e23 / (6.0 * mixtral.activeParamCount()), b.tokens(), 1e-6 * b.tokens());
    }

    @Test
    void aBareParameterCountNeverGetsAnExpertPreset() {
        // 46.7e9 is Mixtral 8x7B's total, but N alone does not say which parameters are active
        TransformerShape s = ShapeChooser.closest(TransformerShape.mixtral8x7b().paramCount());
        assertTrue(!s.isMoe(), s.key());
    }

    @Test
    void expertParallelDividesTheExperts() {
        TransformerShape ds = TransformerShape.deepseekV3();
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128, 256), LayoutSpace.expertDegrees(ds, 2048, LayoutPins.NONE));
        assertEquals(List.of(1, 2, 4, 8), LayoutSpace.expertDegrees(ds, 8, LayoutPins.NONE)); // no more EP ranks than GPUs
        assertEquals(Arrays.asList((Integer) null), LayoutSpace.expertDegrees(TransformerShape.llama38b(), 64, LayoutPins.NONE));
        LayoutPins ep3 = new LayoutPins(null, null, null, null, null, null, 3);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> LayoutSpace.expertDegrees(ds, 2048, ep3));
        assertEquals("ep", e.field());
        assertTrue(e.getMessage().contains("must divide the routed experts (256)"), e.getMessage());
        // DeepSeek-V3's 2,048 GPUs as PP 16 x EP 64 x DP 2 (Section 3.2)
        assertEquals(2, LayoutSpace.dataParallel(2048, 1, 16, 64, 8));
    }

    @Test
    void badMoeInputNamesItsField() {
        InvalidParameterException dense = assertThrows(InvalidParameterException.class, () -> PlanSpec.builder()
                .shape(TransformerShape.llama38b()).tokens(1e12).gpus(64).pins(new LayoutPins(null, null, null, null, null, null, 8))
                .build());
        assertEquals("ep", dense.field());
        InvalidParameterException fp8 = assertThrows(InvalidParameterException.class, () -> PlanSpec.builder()
                .shape(TransformerShape.mixtral8x7b()).tokens(1e12).gpus(64).gpu(GpuSpec.a10080gb()).gemmPrecision("fp8").build());
        assertEquals("gemm_precision", fp8.field());
        assertEquals("a2a_overlap", assertThrows(InvalidParameterException.class, () -> PlanSpec.builder()
                .shape(TransformerShape.mixtral8x7b()).tokens(1e12).gpus(64).a2aOverlap(1.5).build()).field());
        assertEquals("expert_load_imbalance", assertThrows(InvalidParameterException.class, () -> PlanSpec.builder()
                .shape(TransformerShape.mixtral8x7b()).tokens(1e12).gpus(64).expertLoadImbalance(0.5).build()).field());
    }

    @Test
    void aMixtralPlanSearchesEpAndSaysWhyItChoseIt() {
        PlanSpec spec = PlanSpec.builder().shape(TransformerShape.mixtral8x7b()).tokens(1e12).gpus(64).noFailures(true).build();
        Plan p = Planner.plan(spec, 1).answer();
        Layout l = p.layout();
        assertNotNull(l.ep());
        assertEquals(0, 8 % l.ep());
        assertEquals(64, l.usedGpus() + l.idleGpus());
        assertEquals((long) l.tp() * l.pp() * l.ep() * l.dp(), l.usedGpus());
        assertTrue(p.perGpuBytes().total() <= spec.gpu().memoryBytes());
        Plan.Moe m = p.moe();
        assertNotNull(m);
        assertEquals(TransformerShape.mixtral8x7b().activeParamCount(), m.activeParams());
        assertEquals(l.ep(), m.ep());
        // one line per EP tried (1, 2, 4, 8), the chosen one first
        assertEquals(4, m.epChoice().size(), m.epChoice().toString());
        assertTrue(m.epChoice().get(0).startsWith("EP " + l.ep() + ": "), m.epChoice().get(0));
        List<String> others = new ArrayList<>(m.epChoice().subList(1, 4));
        others.forEach(line -> assertTrue(line.matches("EP \\d+ \\(\\d+ routed experts? per GPU\\): .+"), line));
    }

    @Test
    void pinningEpFixesIt() {
        PlanSpec spec = PlanSpec.builder().shape(TransformerShape.mixtral8x7b()).tokens(1e12).gpus(64).noFailures(true)
                .pins(new LayoutPins(null, null, null, null, null, null, 2)).build();
        Plan p = Planner.plan(spec, 1).answer();
        assertEquals(2, p.layout().ep());
        assertEquals(1, p.moe().epChoice().size());
    }

    @Test
    void aDensePlanHasNoExpertPart() {
        Plan p = Planner.plan(PlanSpec.builder().shape(TransformerShape.llama27b()).tokens(1e11).gpus(16).noFailures(true)
                .build(), 1).answer();
        assertNull(p.moe());
        assertNull(p.layout().ep());
    }
}
