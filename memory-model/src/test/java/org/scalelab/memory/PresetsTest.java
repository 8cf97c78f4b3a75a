package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.GpuSpec;

class PresetsTest {

    @Test
    void llamaParameterCountsMatchTheReleasedCheckpoints() {
        // Parameter counts of the released safetensors checkpoints (Hugging Face model pages of
        // meta-llama/Llama-2-7b-hf, Llama-2-70b-hf, Meta-Llama-3-8B, Meta-Llama-3-70B, Llama-3.1-405B).
        assertEquals(6_738_415_616L, TransformerShape.llama27b().paramCount());
        assertEquals(68_976_648_192L, TransformerShape.llama270b().paramCount());
        assertEquals(8_030_261_248L, TransformerShape.llama38b().paramCount());
        assertEquals(70_553_706_496L, TransformerShape.llama370b().paramCount());
        assertEquals(405_853_388_800L, TransformerShape.llama3405b().paramCount());
    }

    @Test
    void gpt3ParameterCountMatchesBrownTable21() {
        // Brown et al. 2020, Table 2.1: "175.0B" (printed to 0.1B).
        assertEquals(175.0e9, TransformerShape.gpt3175b().paramCount(), 0.5e9);
    }

    @Test
    void gptBlockIsTwelveHSquaredPlusThirteenH() {
        // Narayanan et al. 2021 §5.1: P = 12lh²(1 + 13/(12h) + (V + s)/(12lh)).
        TransformerShape s = TransformerShape.gpt3175b();
        long h = 12288;
        assertEquals(12 * h * h + 13 * h, s.layerParamCount());
        double narayanan = 12.0 * 96 * h * h * (1 + 13.0 / (12 * h) + (50257.0 + 2048) / (12.0 * 96 * h));
        // differs only by the final LayerNorm (2h), which the closed form omits
        assertEquals(narayanan, s.paramCount() - 2 * h, 1.0);
    }

    @Test
    void linkDefaultsAreTheDataSheetsPerDirection() {
        // NVIDIA data sheets print NVLink both ways: A100 600, H100 SXM and H200 900, H800 400 GB/s;
        // the H100 PCIe card has no NVSwitch, so a node's GPUs meet over PCIe Gen5 x16 (128 GB/s
        // both ways). NICs: DGX A100 8 x 200 Gbit/s HDR, DGX H100/H200 8 x 400 Gbit/s NDR,
        // DeepSeek-V3's H800 nodes 50 GB/s InfiniBand per GPU.
        assertEquals(300, GpuSpec.byName("a100-40gb").nvlinkGbPerS(), 0);
        assertEquals(300, GpuSpec.byName("a100").nvlinkGbPerS(), 0);
        assertEquals(450, GpuSpec.byName("h100-sxm").nvlinkGbPerS(), 0);
        assertEquals(450, GpuSpec.byName("h200").nvlinkGbPerS(), 0);
        assertEquals(200, GpuSpec.byName("h800").nvlinkGbPerS(), 0);
        assertEquals(64, GpuSpec.byName("h100-pcie").nvlinkGbPerS(), 0);
        assertEquals(200, GpuSpec.byName("a100-80gb").interNodeGbitPerS(), 0);
        assertEquals(400, GpuSpec.byName("h100-sxm").interNodeGbitPerS(), 0);
        assertEquals(400, GpuSpec.byName("h800").interNodeGbitPerS(), 0);
        assertEquals(400.0 / 8, GpuSpec.byName("h200").interNodeGbitPerS() / 8, 0);
    }

    @Test
    void h800IsH100ComputeWithHalfTheNvlink() {
        // NVIDIA H800 datasheet: NVLink 400 GB/s (both directions); H100 SXM datasheet: 900 GB/s,
        // FP8 3,958 TFLOPS with sparsity = 1,979 dense.
        GpuSpec h800 = GpuSpec.byName("h800");
        GpuSpec h100 = GpuSpec.h100Sxm();
        assertEquals(400e9 / 2, h800.nvlinkBytesPerSecondPerDirection(), 1);
        assertEquals(h100.bf16DenseFlopsPerSecond(), h800.bf16DenseFlopsPerSecond(), 1);
        assertEquals(3958e12 / 2, h800.fp8DenseFlopsPerSecond(), 1e9);
        assertTrue(h800.hasFp8());
        assertTrue(!GpuSpec.byName("a100").hasFp8());
        assertEquals(h800, GpuSpec.forDeviceName("NVIDIA H800"));
    }

    @Test
    void shapeRejectsHeadsNotDividingHidden() {
        var e = assertThrows(InvalidParameterException.class,
                () -> new TransformerShape("x", 2, 100, 3, 3, 10, 400, false, true, true, 0));
        assertEquals("heads", e.field());
    }

    @Test
    void gpuPresetsCarryDriverMemoryAndDenseRates() {
        // nvidia-smi totals: H100 81,559 MiB, A100 80GB 81,920 MiB, A100 40GB 40,960 MiB (modal-labs/modal-client#2797 "docs fix: nvidia quotes GB on their GPUs not GiB").
        assertEquals(81_559L << 20, GpuSpec.h100Sxm().memoryBytes());
        assertEquals(81_920L << 20, GpuSpec.byName("a100").memoryBytes());
        assertEquals(40_960L << 20, GpuSpec.byName("A100-40GB").memoryBytes());
        // H100 SXM datasheet: 1,979 TFLOPS BF16 with sparsity -> half dense.
        assertEquals(1979e12 / 2, GpuSpec.byName("h100-sxm").bf16DenseFlopsPerSecond(), 1e9);
        assertEquals(GpuSpec.byName("a100-80gb"), GpuSpec.byName("a100"));
        var e = assertThrows(InvalidParameterException.class, () -> GpuSpec.byName("v100"));
        assertEquals("gpu", e.field());
        assertTrue(e.getMessage().contains("h100-sxm"));
    }

    @Test
    void bytesPerParamPresets() {
        // ZeRO §3.1: 2 + 2 + 12 = 16 bytes/param; Megatron theoretical_memory_usage.py: 18.
        assertEquals(16, BytesPerParam.zeroPaper().totalBytes());
        assertEquals(18, BytesPerParam.byName("megatron").totalBytes());
        // Transformer Math 101: 8-bit optimizer 6 bytes, SGD-momentum 8 bytes of optimizer state.
        assertEquals(6, BytesPerParam.adam8bit().optimizerBytes());
        assertEquals(8, BytesPerParam.sgdMomentum().optimizerBytes());
        assertEquals(14e9, BytesPerParam.zeroPaper().checkpointBytes(1_000_000_000L));
        var e = assertThrows(InvalidParameterException.class, () -> BytesPerParam.byName("nope"));
        assertEquals("preset", e.field());
    }
}
