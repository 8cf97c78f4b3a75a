package org.scalelab.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.MemoryModel;
import org.scalelab.memory.MemorySolver;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.TrainingSetup;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/** Properties every plan must have, whatever the model and the cluster. */
class PlannerContractTest {

    static Stream<PlanSpec> specs() {
        return Stream.of(
                PlanSpec.builder().shape(TransformerShape.llama27b()).tokens(2e12).gpus(64).replications(20).build(),
                PlanSpec.builder().shape(TransformerShape.llama370b()).tokens(1.4e12).gpus(1024).seq(8192)
                        .replications(20).build(),
                PlanSpec.builder().params(13_000_000_000L).tokens(260e9).gpus(256).gpu(GpuSpec.a10040gb())
                        .replications(20).build(),
                PlanSpec.builder().computeFlops(1e23).gpus(2048).replications(20).build(),
                PlanSpec.builder().params(30_000_000_000L).tokens(6e11).gpus(64).gpu(GpuSpec.a10040gb())
                        .pins(new LayoutPins(null, null, 3, null, null, null)).replications(20).build(),
                PlanSpec.builder().shape(TransformerShape.llama38b()).tokens(15e12).gpus(512).seq(8192)
                        .recipe(Recipe.MEGATRON_BF16_DISTOPT).flashAttention(true).replications(20).build());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void theChosenLayoutFitsByTheMemoryModel(PlanSpec spec) {
        Planner.Outcome o = Planner.plan(spec, 1);
        Layout l = o.answer().layout();
        Allocation a = o.allocation();
        // Asked of the memory model directly, not through the planner's scorer.
        TrainingSetup setup = TrainingSetup.builder().shape(a.shape()).paramCount(a.params() != a.shape().paramCount() ? a.params() : 0)
                .bytesPerParam(spec.bytesPerParam()).recipe(spec.recipe()).stage(ZeroStage.of(l.zero())).dp(l.dp()).tp(l.tp()).pp(l.pp())
                .virtualStages(l.virtualStages()).seqLength(a.seq()).microBatch(l.microBatch()).recompute(l.policy())
                .flashAttention(spec.flashAttention()).reserveBytes(spec.reserveBytes()).sequenceParallel(l.tp() > 1).build();
        double total = MemoryModel.estimate(setup).totalBytes();
        double needed = MemorySolver.neededBytes(setup);
        assertTrue(needed <= spec.gpu().memoryBytes(), needed + " > " + spec.gpu().memoryBytes());
        assertEquals(Math.round(total), o.answer().perGpuBytes().total(), 8);
        assertEquals(Math.round(needed), o.answer().neededBytes(), 8);
        assertTrue(l.usedGpus() + l.idleGpus() == spec.gpus());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void wallTimeIsNeverShorterThanComputeTime(PlanSpec spec) {
        Plan p = Planner.plan(spec, 2).answer();
        assertTrue(p.wallDays() >= p.computeDays(), p.wallDays() + " < " + p.computeDays());
        assertTrue(p.wallDaysCi()[0] >= p.computeDays());
        assertTrue(p.ettr() > 0 && p.ettr() <= 1);
        assertTrue(p.interruptions().total() >= p.interruptions().unexpected());
    }

    @ParameterizedTest
    @MethodSource("specs")
    void runnersUpLoseAndSayWhy(PlanSpec spec) {
        Planner.Outcome o = Planner.plan(spec.toBuilder().noFailures(true).build(), 1);
        List<Candidate> alternatives = o.search().alternatives();
        assertTrue(alternatives.size() <= LayoutSearch.ALTERNATIVES);
        for (Candidate c : alternatives) {
            assertFalse(c.whyLost() == null || c.whyLost().isBlank());
            // A runner-up that fits is never faster; one that is faster does not fit.
            assertTrue(!c.fits() || c.computeSeconds() >= o.search().best().computeSeconds(), c.whyLost());
            assertTrue(c.fits() || c.whyLost().startsWith("memory"), c.whyLost());
        }
    }

    @Test
    void failureFreeMoreGpusNeverLengthenComputeForTheSameLayoutFamily() {
        PlanSpec base = PlanSpec.builder().shape(TransformerShape.llama370b()).tokens(1.4e12).gpus(512).seq(4096)
                .noFailures(true).build();
        Layout l = Planner.plan(base, 1).answer().layout();
        // The family is TP, PP, ZeRO stage, micro-batch and recomputation. Interleaving is left free: it
        // needs the micro-batch count to be a multiple of PP, and that count halves as the GPUs double.
        LayoutPins family = new LayoutPins(l.tp(), l.pp(), l.zero(), l.microBatch(), l.policy(), null);
        double previous = Double.POSITIVE_INFINITY;
        for (int gpus : new int[] {512, 1024, 2048, 4096, 8192}) {
            Plan p = Planner.plan(base.toBuilder().gpus(gpus).pins(family).build(), 1).answer();
            assertEquals(p.wallDays(), p.computeDays());
            assertEquals(1.0, p.ettr());
            assertNull(p.interruptions());
            assertTrue(p.computeDays() <= previous, gpus + " GPUs: " + p.computeDays() + " > " + previous);
            previous = p.computeDays();
        }
    }

    @Test
    void theSameSeedGivesTheSameAnswerWhateverTheThreads() {
        PlanSpec spec = PlanSpec.builder().shape(TransformerShape.llama27b()).tokens(1e12).gpus(128).replications(40)
                .seed(7).build();
        Plan one = Planner.plan(spec, 1).answer();
        Plan two = Planner.plan(spec, 2).answer();
        assertEquals(one.wallDays(), two.wallDays());
        assertEquals(one.ettr(), two.ettr());
        assertEquals(one.wallDaysCi()[0], two.wallDaysCi()[0]);
        assertEquals(one.interruptions(), two.interruptions());
        assertEquals(one.layout(), two.layout());
        Plan other = Planner.plan(spec.toBuilder().seed(8).build(), 1).answer();
        assertTrue(other.wallDays() != one.wallDays(), "another seed should draw other failures");
    }

    /**
     * The plan's MFU and compute are those of the shape it timed, so they agree with the step model
     * on that shape and are never negative: MegaScale's 175e9 trains gpt3-175b (174.6e9 parameters).
     */
    @Test
    void theMfuIsTheTimedShapesAndPositive() {
        for (long n : new long[] {352_000_000L, 800_000_000L, 175_000_000_000L}) {
            Planner.Outcome o = Planner.plan(PlanSpec.builder().params(n).tokens(1e11).gpus(64).noFailures(true).build(), 1);
            Plan p = o.answer();
            assertEquals(o.allocation().shape().paramCount(), p.params());
            assertEquals(6.0 * p.params() * p.tokens(), p.computeFlops(), 1e-9 * p.computeFlops());
            assertTrue(p.mfu() > 0 && p.mfu() < 1, n + ": " + p.mfu());
        }
    }
}
