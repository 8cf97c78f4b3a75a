package org.scalelab.cluster.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.scalelab.common.GpuSpec;
import org.scalelab.memory.Recipe;
import org.scalelab.memory.Recompute;
import org.scalelab.memory.TransformerShape;
import org.scalelab.memory.ZeroStage;

/**
 * The work of an eager step's ops against the aten op stream PyTorch dispatches for the same step,
 * traced by us on 2026-12-01 with {@code scripts/trace-pytorch-step.py} (PyTorch 2.13.0 CPU build,
 * fake tensors; nanoGPT-style GPT-2 models, flash attention, no dropout, untied output layer, fused
 * AdamW). The trace counts each op's matmul FLOPs and the bytes of its inputs and outputs; it
 * cannot see a kernel's extra passes over the same data (LayerNorm's separate weight-gradient
 * kernel, the loss's zero fill and second read), so the op-level bytes are a floor for the bytes
 * the kernels move.
 */
class TracedPyTorchTrafficTest {

    private record Traced(String recipe, int layers, int hidden, int heads, int microBatch, int seq, int vocab,
                          String recompute, long atenOps, double matmulFlops, double memoryBoundBytes) {

        StepResult step() {
            TransformerShape shape = new TransformerShape("nanogpt", layers, hidden, heads, heads, vocab, 4 * hidden,
                    false, false, true, seq);
            GpuSpec gpu = GpuSpec.h100Sxm();
            ParallelLayout one = ParallelLayout.of(1, null, 1, 1, 8, 450, 3, 400, 10);
            StepSpec spec = new StepSpec(shape, shape.paramCount(), seq, microBatch, 1, gpu, GemmModel.measuredCeiling(gpu),
                    "test", one, ZeroStage.STAGE_0, Recompute.byName(recompute), 0, 1);
            return StepModel.compute(spec.withOptions(spec.options().withRecipe(Recipe.byName(recipe))
                    .withFlashAttention(true).withDropout(false)));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s L%d h%d b%d s%d recompute %s", recipe, layers, hidden, microBatch, seq,
                    recompute);
        }
    }

    /**
     * Matmul FLOPs within 1 %: every linear layer forward and backward, the output layer, and under
     * full recomputation the block's linear layers up to the MLP activation (the down projection is
     * not rerun: non-reentrant checkpointing stops early).
     */
    @Test
    void matmulFlopsMatchTheTrace() throws IOException {
        List<Traced> rows = traced();
        assertFalse(rows.isEmpty());
        for (Traced t : rows) {
            StepResult r = t.step();
            double flash = flops(r, "flash_attention");
            // The recomputed forward also reruns flash attention's forward: 1 of the 1 + 2.5 passes counted.
            double recomputedFlash = t.recompute().equals("full") ? flash / 3.5 : 0;
            double ours = r.ops().stream().filter(o -> !o.name().equals("flash_attention")).mapToDouble(StepOp::flops).sum()
                    - recomputedFlash;
            assertEquals(t.matmulFlops(), ours, 0.01 * t.matmulFlops(), t.toString());
        }
    }

    /**
     * Memory-bound bytes at or above the traced op-level floor and within 10 % of it, for the steps
     * without recomputation (with it, the model counts the rerun forward's bytes inside one op with
     * its matmuls).
     */
    @Test
    void memoryBoundBytesAreAtOrAboveTheOpLevelFloor() throws IOException {
        int checked = 0;
        for (Traced t : traced()) {
            if (!t.recompute().equals("none")) {
                continue;
            }
            double ours = t.step().ops().stream().filter(o -> o.kind() == StepOp.Kind.MEMORY_BOUND)
                    .mapToDouble(StepOp::bytes).sum();
            assertTrue(ours >= t.memoryBoundBytes(), t + ": " + ours + " below the traced " + t.memoryBoundBytes());
            assertEquals(t.memoryBoundBytes(), ours, 0.10 * t.memoryBoundBytes(), t.toString());
            checked++;
        }
        assertTrue(checked > 0);
    }

    /**
     * HFU's recomputation term counts what the traced recomputation runs: the FLOPs full
     * recomputation adds to the traced matmuls equal the hardware minus model FLOPs less the rerun
     * attention forward (4·L·h·s per token), within 1 %. Without dropout the eager recompute
     * skips each block's MLP down projection, a third of its linear layers' FLOPs.
     */
    @Test
    void hardwareFlopsCountTheTracedRecomputation() throws IOException {
        List<Traced> rows = traced();
        int checked = 0;
        for (Traced full : rows) {
            for (Traced none : rows) {
                if (full.recompute().equals("full") && none.recompute().equals("none") && full.recipe().equals(none.recipe())
                        && full.layers() == none.layers() && full.hidden() == none.hidden()
                        && full.microBatch() == none.microBatch() && full.seq() == none.seq()) {
                    StepResult r = full.step();
                    double attention = 4.0 * full.layers() * full.hidden() * full.seq() * r.tokensPerStep();
                    double ours = r.hardwareFlopsPerStep() - r.modelFlopsPerStep() - attention;
                    double traced = full.matmulFlops() - none.matmulFlops();
                    assertEquals(traced, ours, 0.01 * traced, full.toString());
                    checked++;
                }
            }
        }
        assertTrue(checked > 0);
    }

    private static double flops(StepResult r, String name) {
        return r.ops().stream().filter(o -> o.name().equals(name)).mapToDouble(StepOp::flops).sum();
    }

    private static List<Traced> traced() throws IOException {
        List<Traced> rows = new ArrayList<>();
        try (var in = TracedPyTorchTrafficTest.class.getResourceAsStream("pytorch-traced-traffic.csv");
             var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            boolean header = true;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split(",");
                rows.add(new Traced(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]), f[7], Long.parseLong(f[8]),
                        Double.parseDouble(f[9]), Double.parseDouble(f[10])));
            }
        }
        return rows;
    }
}
