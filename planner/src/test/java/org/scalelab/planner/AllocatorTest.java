package org.scalelab.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.memory.TransformerShape;
import org.scalelab.scaling.Law;

class AllocatorTest {

    @Test
    void computeWithTokensAndParamsIsContradictory() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> PlanSpec.builder()
                .params(7_000_000_000L).tokens(1e12).computeFlops(1e23).gpus(8).build());
        assertTrue(e.getMessage().startsWith("compute_flops: cannot be given with both tokens and a model size"), e.getMessage());
    }

    @Test
    void nothingToSizeTheModelIsRejected() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> PlanSpec.builder().tokens(1e12).gpus(8).build());
        assertEquals("params", e.field());
    }

    @Test
    void computeAndTokensGiveTheParams() {
        Allocation a = Allocator.allocate(PlanSpec.builder().computeFlops(6e23).tokens(1e12).gpus(8).build());
        // N = C/(6D) = 1e11, then the nearest shape of the rule; D stays as given.
        assertEquals(1e12, a.tokens());
        assertEquals(1e11, a.params(), 0.03e11);
        assertEquals(6e23, a.computeFlops());
    }

    @Test
    void computeAloneSpendsTheBudgetOnTheChosenShape() {
        Allocation a = Allocator.allocate(PlanSpec.builder().computeFlops(3.8e25).law(Law.LLAMA3).gpus(8).build());
        // Llama 3 §3.2.1: its law at 3.8e25 FLOPs gives about 402B parameters; 405B is within 5 %,
        // so the planner trains the llama3-405b shape and D = C/(6N) keeps the budget.
        assertEquals("llama3-405b", a.shape().key());
        assertEquals(a.shape().paramCount(), a.params());
        assertEquals(3.8e25, 6.0 * a.params() * a.tokens(), 3.8e25 * 1e-9);
    }

    @Test
    void paramsAloneTrainTheLawsTokens() {
        Allocation a = Allocator.allocate(PlanSpec.builder().params(70_000_000_000L).law(Law.CHINCHILLA).gpus(8).build());
        // 70e9 is within 5 % of llama3-70b, which is what is timed: N, D and C are that shape's.
        assertEquals("llama3-70b", a.shape().key());
        assertEquals(a.shape().paramCount(), a.params());
        assertEquals(Law.CHINCHILLA.optimumForParams(a.params()).tokens(), a.tokens(), 1.0);
        assertEquals(6.0 * a.params() * a.tokens(), a.computeFlops(), 1e10);
    }

    @Test
    void theBatchComesFromDeepSeeksLawInWholeSequences() {
        // DeepSeek LLM 2024, Table 2: the 7B model (30 layers, d_model 4096, seq 4096) trains 2.0T tokens
        // with 2304 sequences per step; Eq. 1 at C = M·D gives 9.23e6 tokens = 2254 sequences (2.2 % fewer).
        TransformerShape deepSeek7b = new TransformerShape("deepseek-7b", 30, 4096, 32, 32, 102400, 11008, true, false,
                false, 0);
        Allocation a = Allocator.allocate(PlanSpec.builder().shape(deepSeek7b).tokens(2.0e12).seq(4096).gpus(8).build());
        assertEquals(2304, a.batchSequencesTarget(), 0.03 * 2304);
        assertEquals(Math.round(a.batchTokensTarget() / 4096), a.batchSequencesTarget());
    }

    @Test
    void aPresetKeepsItsOwnContextUnlessSeqIsGiven() {
        assertEquals(2048, Allocator.allocate(PlanSpec.builder().shape(TransformerShape.gpt3175b()).tokens(3e11).gpus(8)
                .build()).seq());
        assertEquals(PlanSpec.DEFAULT_SEQ, Allocator.allocate(PlanSpec.builder().shape(TransformerShape.llama27b())
                .tokens(3e11).gpus(8).build()).seq());
    }

    @Test
    void paramsFarFromTheShapeWarn() {
        Allocation a = Allocator.allocate(PlanSpec.builder().params(10_000_000_000L).shape(TransformerShape.llama27b())
                .tokens(1e12).gpus(8).build());
        assertEquals(1, a.warnings().size());
        assertEquals(10_000_000_000L, a.params());
    }

    @Test
    void paramsBelowTheSmallestShapeAreRejectedNamingTheSmallestPlannableCount() {
        // The smallest shape of the rule (7 x 1024) has 369,114,112 parameters, 262.7M of them the
        // untied 128,256-token vocabulary; nothing near 1e3 or 125e6 can be timed.
        for (long n : new long[] {1_000L, 125_000_000L, 350_000_000L}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class,
                    () -> Allocator.allocate(PlanSpec.builder().params(n).gpus(8).build()));
            assertEquals("params", e.field());
            assertTrue(e.rule().startsWith("must be >= 351537250 for the planner to choose a shape"), e.getMessage());
            assertEquals(Long.toString(n), e.value());
        }
        assertEquals(369_114_112 / 1.05, ShapeChooser.smallestParams(), 1.0);
        Allocation smallest = Allocator.allocate(PlanSpec.builder().params(352_000_000L).gpus(8).build());
        assertEquals(369_114_112L, smallest.params());
    }

    @Test
    void aBudgetWhoseLawOptimumIsBelowTheSmallestShapeIsRejectedNamingTheBudget() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Allocator.allocate(PlanSpec.builder().computeFlops(1e18).gpus(8).build()));
        assertEquals("compute_flops", e.field());
    }

    @Test
    void theChosenShapesCountIsNAndEveryPlannableNHasAShapeWithinFivePercent() {
        // Between the widths (415M-1.26B, 1.7B-3.3B, ...) the 96-160 band has no shape near N; the
        // deeper fallback fills the gaps.
        for (double n = ShapeChooser.smallestParams() * 1.000001; n < 2e12; n *= 1.07) {
            TransformerShape s = ShapeChooser.closest(n);
            assertEquals(n, s.paramCount(), 0.05 * n, s.key() + " for " + n);
        }
        Allocation a = Allocator.allocate(PlanSpec.builder().params(800_000_000L).tokens(1e10).gpus(8).build());
        assertEquals(a.shape().paramCount(), a.params());
        assertEquals(6.0 * a.params() * 1e10, a.computeFlops(), 1e6);
    }
}
