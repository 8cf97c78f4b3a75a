package org.scalelab.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One GPU model: the memory a training process can see and the vendor's peak rates.
 *
 * <p>{@code memoryBytes} is the total the driver reports ({@code nvidia-smi} "MiB" total ×
 * 2<sup>20</sup>), which is below the marketing capacity for HBM3 parts (an "80 GB" H100 reports
 * 81,559 MiB = 85.52 × 10⁹ bytes). Peak FLOP/s are <em>dense</em> (no 2:4 sparsity): NVIDIA's
 * datasheets print sparse Tensor Core figures for Hopper, so the dense value is half the printed one.
 *
 * @param key                        registry name, e.g. {@code h100-sxm}, or a custom GPU's label ({@link Keyed})
 * @param memoryBytes                device memory as the driver reports it, bytes
 * @param bf16DenseFlopsPerSecond    peak dense BF16 Tensor Core rate, FLOP/s
 * @param fp32FlopsPerSecond         peak FP32 (non-Tensor Core) rate, FLOP/s
 * @param fp8DenseFlopsPerSecond     peak dense FP8 Tensor Core rate, FLOP/s; 0 when the part has no FP8 Tensor Cores
 * @param hbmBandwidthBytesPerSecond peak HBM bandwidth, bytes/s
 * @param nvlinkBytesPerSecondPerDirection bandwidth per GPU in one direction to the other GPUs of its
 *                                   node (half the bidirectional total NVIDIA prints): NVLink through
 *                                   NVSwitch, or PCIe where the part has no NVSwitch; bytes/s
 * @param nicBitsPerSecond           line rate of the inter-node NIC each GPU of the part's reference
 *                                   node (the DGX) has, bits/s
 */
public record GpuSpec(String key, long memoryBytes, double bf16DenseFlopsPerSecond,
                      double fp32FlopsPerSecond, double fp8DenseFlopsPerSecond, double hbmBandwidthBytesPerSecond,
                      double nvlinkBytesPerSecondPerDirection, double nicBitsPerSecond) implements Keyed {

    private static final long MIB = 1L << 20;

    /** Validates every field (positive, finite). */
    public GpuSpec {
        Check.present("gpu", key);
        Check.atLeastOne("gpu_memory_bytes", memoryBytes);
        Check.positive("bf16_dense_flops_per_s", bf16DenseFlopsPerSecond);
        Check.positive("fp32_flops_per_s", fp32FlopsPerSecond);
        Check.nonNegative("fp8_dense_flops_per_s", fp8DenseFlopsPerSecond);
        Check.positive("hbm_bandwidth_bytes_per_s", hbmBandwidthBytesPerSecond);
        Check.positive("nvlink_bytes_per_s_per_direction", nvlinkBytesPerSecondPerDirection);
        Check.positive("nic_bits_per_s", nicBitsPerSecond);
    }

    /** A GPU known only by its memory (for {@code --gpu-memory-gb}); rates are those of the H100 SXM. */
    public static GpuSpec ofMemory(String name, long memoryBytes) {
        GpuSpec h = h100Sxm();
        return new GpuSpec(name, memoryBytes, h.bf16DenseFlopsPerSecond, h.fp32FlopsPerSecond, h.fp8DenseFlopsPerSecond, h.hbmBandwidthBytesPerSecond,
                h.nvlinkBytesPerSecondPerDirection, h.nicBitsPerSecond);
    }

    /** The same GPU with another memory size (a MIG slice, a memory cap). */
    public GpuSpec withMemoryBytes(long bytes) {
        return new GpuSpec(key, bytes, bf16DenseFlopsPerSecond, fp32FlopsPerSecond, fp8DenseFlopsPerSecond, hbmBandwidthBytesPerSecond,
                nvlinkBytesPerSecondPerDirection, nicBitsPerSecond);
    }

    /**
     * The same GPU with other peak rates (a custom GPU from a preset). The FP8 rate keeps its ratio
     * to the BF16 rate.
     */
    public GpuSpec withRates(String newName, double bf16DenseFlops, double hbmBytesPerSecond) {
        double fp8 = fp8DenseFlopsPerSecond * (bf16DenseFlops / bf16DenseFlopsPerSecond);
        return new GpuSpec(newName, memoryBytes, bf16DenseFlops, fp32FlopsPerSecond, fp8, hbmBytesPerSecond,
                nvlinkBytesPerSecondPerDirection, nicBitsPerSecond);
    }

    /**
     * The default of {@code nvlink_gb_per_s} (and {@code --nvlink-gb-per-s}) on this GPU: its
     * intra-node bandwidth per direction, GB/s (10⁹ bytes/s).
     */
    public double nvlinkGbPerS() {
        return nvlinkBytesPerSecondPerDirection / 1e9;
    }

    /**
     * The default of {@code inter_node_gbit_per_s} (and {@code --inter-node-gbit-per-s}) on this
     * GPU: the line rate of its NIC in the part's DGX, Gbit/s (10⁹ bits/s).
     */
    public double interNodeGbitPerS() {
        return nicBitsPerSecond / 1e9;
    }

    /** Whether the part has FP8 Tensor Cores (Hopper and later). */
    public boolean hasFp8() {
        return fp8DenseFlopsPerSecond > 0;
    }

    /** Memory in GB (10⁹ bytes). */
    public double memoryGb() {
        return memoryBytes / 1e9;
    }

    /**
     * NVIDIA A100 SXM4 40 GB. Rates: NVIDIA A100 Tensor Core GPU datasheet (2021): BF16 Tensor Core
     * 312 TFLOPS dense (624 with sparsity), FP32 19.5 TFLOPS, HBM2 1,555 GB/s, NVLink 600 GB/s
     * (both directions; 300 GB/s each); no FP8 Tensor Cores. Memory: {@code nvidia-smi} reports
     * 40,960 MiB (modal-labs/modal-client#2797 "docs fix: nvidia quotes GB on their GPUs not GiB", its list of
     * reported totals).
     * NIC: 200 Gbit/s per GPU (NVIDIA DGX A100 data sheet: 8 × single-port ConnectX-6 200 Gb/s HDR
     * InfiniBand for the compute fabric).
     */
    public static GpuSpec a10040gb() {
        return new GpuSpec("a100-40gb", 40_960 * MIB, 312e12, 19.5e12, 0, 1_555e9, 300e9, 200e9);
    }

    /**
     * NVIDIA A100 SXM4 80 GB. Rates: NVIDIA A100 datasheet (2021): BF16 312 TFLOPS dense,
     * FP32 19.5 TFLOPS, HBM2e 2,039 GB/s, NVLink 600 GB/s (300 GB/s each direction). Memory:
     * {@code nvidia-smi} reports 81,920 MiB (modal-labs/modal-client#2797 "docs fix: nvidia quotes GB on their GPUs not GiB").
     * NIC: 200 Gbit/s per GPU (NVIDIA DGX A100 data sheet: 8 × single-port ConnectX-6 200 Gb/s HDR
     * InfiniBand for the compute fabric).
     */
    public static GpuSpec a10080gb() {
        return new GpuSpec("a100-80gb", 81_920 * MIB, 312e12, 19.5e12, 0, 2_039e9, 300e9, 200e9);
    }

    /**
     * NVIDIA H100 SXM5 80 GB. Rates: NVIDIA H100 Tensor Core GPU datasheet: BF16 Tensor Core
     * 1,979 TFLOPS with sparsity = 989.5 TFLOPS dense, FP32 67 TFLOPS (132 SMs x 128 lanes x 2 FLOP
     * x 1.98 GHz = 66.9), FP8 Tensor Core 3,958 TFLOPS with sparsity = 1,979 TFLOPS dense, HBM3
     * 3.35 TB/s, NVLink 4 900 GB/s (450 GB/s each direction). Memory:
     * {@code nvidia-smi} reports 81,559 MiB ("NVIDIA H100 80GB HBM3" in the {@code nvidia-smi} output of
     * wilicc/gpu-burn#114 "H100 gpus do not reach 100%"; modal-labs/modal-client#2797 "docs fix: nvidia quotes GB on their GPUs not GiB").
     * NIC: 400 Gbit/s per GPU (NVIDIA DGX H100/H200 system: eight single-port ConnectX-7, up to
     * 400 Gb/s NDR InfiniBand, DGX BasePOD reference architecture, "Core Components").
     */
    public static GpuSpec h100Sxm() {
        return new GpuSpec("h100-sxm", 81_559 * MIB, 989.5e12, 67e12, 1_979e12, 3.35e12, 450e9, 400e9);
    }

    /**
     * NVIDIA H800 SXM5 80 GB, the export variant of the H100 SXM that DeepSeek-V3 trained on:
     * H100 SXM compute and memory, NVLink cut to 400 GB/s (200 GB/s each direction). Rates: NVIDIA
     * H800 Tensor Core GPU datasheet (BF16 1,979 and FP8 3,958 TFLOPS with sparsity, HBM3
     * 3.35 TB/s, NVLink 400 GB/s); DeepSeek-AI 2024 (arXiv:2412.19437) §3.1 describes the same
     * 400 GB/s NVLink. Memory: assumed equal to the H100 SXM's driver total (same 80 GB HBM3
     * stacks); <em>not verified</em> against a printout. NIC: 400 Gbit/s per GPU (DeepSeek-AI 2024,
     * §3.2.2: cross-node InfiniBand at 50 GB/s per GPU).
     */
    public static GpuSpec h800() {
        return new GpuSpec("h800", 81_559 * MIB, 989.5e12, 67e12, 1_979e12, 3.35e12, 200e9, 400e9);
    }

    /**
     * NVIDIA H100 PCIe 80 GB. Rates: NVIDIA H100 datasheet: BF16 1,513 TFLOPS with sparsity =
     * 756.5 TFLOPS dense, FP32 51 TFLOPS, FP8 3,026 TFLOPS with sparsity = 1,513 dense, HBM2e
     * 2 TB/s. Intra-node link: the card has no NVSwitch; its NVLink bridge (600 GB/s) joins a pair of
     * GPUs only, so a collective over a node's 8 GPUs runs over PCIe Gen5 x16: 128 GB/s both
     * directions (H100 data sheet), 64 GB/s each. Memory: assumed equal to the SXM part's
     * 81,559 MiB (same 80 GB capacity class); we found no public driver printout for the PCIe card,
     * so this figure is <em>not verified</em>. NIC: 400 Gbit/s per GPU, <em>assumed</em> as in a DGX
     * H100 (no DGX holds the PCIe card).
     */
    public static GpuSpec h100Pcie() {
        return new GpuSpec("h100-pcie", 81_559 * MIB, 756.5e12, 51e12, 1_513e12, 2.0e12, 64e9, 400e9);
    }

    /**
     * NVIDIA H200 SXM 141 GB. Rates: NVIDIA H200 Tensor Core GPU datasheet: BF16 1,979 TFLOPS with
     * sparsity = 989.5 TFLOPS dense, FP32 67 TFLOPS, FP8 3,958 TFLOPS with sparsity = 1,979 dense,
     * HBM3e 4.8 TB/s, NVLink 900 GB/s (450 GB/s each
     * direction). Memory: 143,771 MiB as
     * {@code nvidia-smi} reports it on H200 SXM systems (from recollection of public printouts;
     * <em>not verified</em> against a stored source).
     * NIC: 400 Gbit/s per GPU (NVIDIA DGX H100/H200 system: eight single-port ConnectX-7, up to
     * 400 Gb/s NDR InfiniBand, DGX BasePOD reference architecture, "Core Components").
     */
    public static GpuSpec h200() {
        return new GpuSpec("h200", 143_771 * MIB, 989.5e12, 67e12, 1_979e12, 4.8e12, 450e9, 400e9);
    }

    private static final Map<String, GpuSpec> REGISTRY = registry();

    private static Map<String, GpuSpec> registry() {
        Map<String, GpuSpec> m = new LinkedHashMap<>();
        for (GpuSpec g : List.of(a10040gb(), a10080gb(), h100Sxm(), h100Pcie(), h800(), h200())) {
            m.put(g.key, g);
        }
        m.put("a100", a10080gb());
        return Map.copyOf(m);
    }

    /** Registry names, aliases included, in a stable order. */
    public static List<String> names() {
        return List.of("a100-40gb", "a100-80gb", "a100", "h100-sxm", "h100-pcie", "h800", "h200");
    }

    /**
     * The preset whose part a driver's device name denotes ({@code "NVIDIA H100 80GB HBM3"} is the
     * H100 SXM), or null when none does: how shipped results find their peak.
     */
    public static GpuSpec forDeviceName(String deviceName) {
        String d = deviceName == null ? "" : deviceName.toUpperCase(Locale.ROOT);
        if (d.contains("H100") && (d.contains("HBM3") || d.contains("SXM"))) {
            return h100Sxm();
        }
        if (d.contains("H800")) {
            return h800();
        }
        if (d.contains("H200")) {
            return h200();
        }
        return null;
    }

    /**
     * The preset of that name (case-insensitive; {@code a100} is {@code a100-80gb}).
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code gpu} and listing the valid names
     */
    public static GpuSpec byName(String name) {
        String key = name == null ? null : name.toLowerCase(Locale.ROOT);
        Check.oneOf("gpu", key, names());
        return REGISTRY.get(key);
    }
}
