package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** ZeRO-3 with parameter offload keeps the gathered largest layer on the GPU; host memory bounds the rest. */
class ZeroOffloadFloorTest {

    @Test
    void llama2GathersItsEmbeddingTable() {
        // DeepSpeed estimate_zero3_model_states_mem_needs: largest_layer_memory = 4 * largest_layer_params;
        // Llama-2 7B's largest module is the 32000 x 4096 embedding: 4 x 131,072,000 = 524,288,000 bytes. Exact.
        TrainingSetup s = TrainingSetup.builder().shape(TransformerShape.llama27b()).stage(ZeroStage.STAGE_3)
                .offload(Offload.OPTIMIZER_AND_PARAMS).seqLength(1).build();
        MemoryBreakdown m = MemoryModel.estimate(s);
        assertEquals(524_288_000.0, m.gatheredBytes(), 0.0);
        assertFalse(m.fits(500_000_000L), "0.5 GB cannot hold the gathered layer");
    }

    @Test
    void shapeRuleRecoversGpt3Width() {
        // Rule: h = 128 x layers (GPT-3 175B: 12288 / 96, Brown et al. 2020 Table 2.1), 12h² per layer.
        // For 175e9 parameters the rule's h is within 0.5 % of 12288; the largest layer is then the embedding 50257·h.
        double h = Math.cbrt(128 * 175e9 / 12);
        assertEquals(12288, h, 12288 * 0.005);
        assertEquals(50257 * h, GatheredLayer.largestLayerParamsByRule(175e9), 1.0);
    }

    @Test
    void maxModelWithParameterOffloadIsBoundedByHostMemory() {
        // 32 GB GPU, ZeRO-3, optimizer and parameters offloaded, one GPU of a DGX H100 (2 TB for 8 GPUs):
        // the host holds (2 + 2 + 12) bytes per parameter, so 250e9 / 16 = 15.625e9 parameters; the GPU only
        // needs the gathered layer. Exact to one parameter.
        TrainingSetup s = TrainingSetup.builder().paramCount(1).stage(ZeroStage.STAGE_3).offload(Offload.OPTIMIZER_AND_PARAMS).build();
        OptionalLong max = MemorySolver.maxParams(s, 32_000_000_000L, HostMemory.dgxH100());
        assertEquals(15_625_000_000L, max.orElseThrow(), 1);
        // the same test decides whether one setup fits: at the answer the node holds 8 x 16 x 15.625e9 = 2 TB
        TrainingSetup atMax = s.toBuilder().paramCount(max.getAsLong()).build();
        assertTrue(MemorySolver.fits(atMax, 32_000_000_000L, HostMemory.dgxH100()));
        TrainingSetup beyond = s.toBuilder().paramCount(max.getAsLong() + 1).build();
        assertTrue(MemorySolver.fits(beyond, 32_000_000_000L));
        assertFalse(MemorySolver.fits(beyond, 32_000_000_000L, HostMemory.dgxH100()));
        assertEquals(2000e9, HostMemory.dgxH100().nodeBytes(MemoryModel.estimate(atMax).cpuBytes()), 16 * 8);
        // The GPU alone (gathered-layer floor) would allow far more.
        long gpuOnly = MemorySolver.maxParams(s, 32_000_000_000L).orElseThrow();
        assertTrue(gpuOnly > 100 * max.getAsLong(), "gpu-only bound " + gpuOnly);
        double largest = GatheredLayer.largestLayerParamsByRule(gpuOnly);
        assertEquals(32e9, 4 * largest, 32e9 * 1e-6);
    }
}
