package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DeepSpeed's estimator printouts. Sources: deepspeedai/DeepSpeed {@code docs/code-docs/source/memory.rst}
 * (t5-3b cold/live, t5-large), and the transformers DeepSpeed integration doc (bigscience/T0_3B).
 * DeepSpeed prints {@code bytes / 2**30} with two decimals and labels it "GB".
 */
class DeepSpeedEstimatorTest {
    private static final double ABF = DeepSpeedEstimator.DEFAULT_BUFFER_FACTOR;

    private static void assertRow(DeepSpeedRow row, double cpuGib, double gpuGib) {
        assertEquals(cpuGib, row.cpuGib(), 0.005, "cpu");
        assertEquals(gpuGib, row.gpuGib(), 0.005, "gpu");
    }

    @Test
    void zero2ColdLegacyPrintoutT53b() {
        // memory.rst, estimate_zero2_model_states_mem_needs_all_cold(total_params=2851e6, num_gpus_per_node=8, num_nodes=1):
        //  127.45GB |   5.31GB | offload_optimizer=cpu
        //  127.45GB |  15.93GB | offload_optimizer=none
        List<DeepSpeedRow> rows = DeepSpeedEstimator.zero2AllCold(2_851_000_000L, 8, 1, ABF, true);
        assertEquals(2, rows.size());
        assertRow(rows.get(0), 127.45, 5.31);
        assertRow(rows.get(1), 127.45, 15.93);
        assertEquals(true, rows.get(0).offloadOptimizer());
    }

    @Test
    void zero2ColdCurrentFormula() {
        // Current code (after deepspeedai/DeepSpeed#5099 "estimate_zero2_model_states_mem_needs: fixing memory estiamtion"): gpu = 2P + int(18P/g) = 5,702e6 + 6,414.75e6 bytes = 11.28 GiB.
        DeepSpeedRow none = DeepSpeedEstimator.zero2(2_851_000_000L, 8, 1, false, ABF, false);
        assertEquals(2 * 2_851_000_000L + 6_414_750_000L, none.gpuBytes());
        assertEquals(11.28, none.gpuGib(), 0.005);
    }

    @Test
    void zero3ColdPrintoutT53b() {
        // memory.rst, estimate_zero3_model_states_mem_needs_all_cold(total_params=2851e6, largest_layer_params=32e6, 8 GPUs, 1 node):
        //   71.69GB |   0.12GB | offload_param=cpu , offload_optimizer=cpu , zero_init=1
        //  127.45GB |   0.12GB | offload_param=cpu , offload_optimizer=cpu , zero_init=0
        //   63.72GB |   0.78GB | offload_param=none, offload_optimizer=cpu , zero_init=1
        //  127.45GB |   0.78GB | offload_param=none, offload_optimizer=cpu , zero_init=0
        //    1.43GB |   6.09GB | offload_param=none, offload_optimizer=none, zero_init=1
        //  127.45GB |   6.09GB | offload_param=none, offload_optimizer=none, zero_init=0
        List<DeepSpeedRow> rows = DeepSpeedEstimator.zero3AllCold(2_851_000_000L, 32_000_000L, 8, 1, ABF);
        assertEquals(6, rows.size());
        double[][] printed = {{71.69, 0.12}, {127.45, 0.12}, {63.72, 0.78}, {127.45, 0.78}, {1.43, 6.09}, {127.45, 6.09}};
        for (int i = 0; i < 6; i++) {
            assertRow(rows.get(i), printed[i][0], printed[i][1]);
        }
        assertEquals(List.of(true, true, false, false, false, false), rows.stream().map(DeepSpeedRow::offloadParams).toList());
        assertEquals(List.of(true, false, true, false, true, false), rows.stream().map(DeepSpeedRow::zeroInit).toList());
    }

    @Test
    void zero3LiveT03bOnOneAndTwoGpus() {
        // transformers DeepSpeed doc, bigscience/T0_3B "2783M total params, 65M largest layer params":
        // 1 GPU: 70.00/0.25, 70.00/0.25, 62.23/5.43, 62.23/5.43, 0.37/46.91, 15.56/46.91
        // 2 GPUs: 70.00/0.25 ×2, 62.23/2.84 ×2, 0.74/23.58, 31.11/23.58
        // The live estimator used the exact counts; 2783M/65M are rounded, so 1% tolerance, and 2% for
        // the one CPU cell that depends on L alone (no offload, zero_init: 4·L·n·1.5), whose printed
        // 0.37/0.74 GiB imply L ≈ 66M, i.e. "65M" was truncated.
        double[][] one = {{70.00, 0.25}, {70.00, 0.25}, {62.23, 5.43}, {62.23, 5.43}, {0.37, 46.91}, {15.56, 46.91}};
        double[][] two = {{70.00, 0.25}, {70.00, 0.25}, {62.23, 2.84}, {62.23, 2.84}, {0.74, 23.58}, {31.11, 23.58}};
        for (int gpus = 1; gpus <= 2; gpus++) {
            List<DeepSpeedRow> rows = DeepSpeedEstimator.zero3AllCold(2_783_000_000L, 65_000_000L, gpus, 1, ABF);
            double[][] printed = gpus == 1 ? one : two;
            for (int i = 0; i < 6; i++) {
                double cpuTol = i == 4 ? 0.02 : 0.01;
                assertEquals(printed[i][0], rows.get(i).cpuGib(), Math.max(0.01, printed[i][0] * cpuTol), "cpu row " + i);
                assertEquals(printed[i][1], rows.get(i).gpuGib(), Math.max(0.01, printed[i][1] * 0.01), "gpu row " + i);
            }
        }
    }

    @Test
    void zero3T5LargeFourGpusInMib() {
        // memory.rst, t5-large (737.67M total, 32.90M largest layer), 4 GPUs, printed with >>20 (MiB):
        // largest layer 125MB; case 1 (no offload) 3291MB; case 2 (params+optimizer offload) 125MB; case 3 (optimizer offload) 477MB.
        long p = 737_670_000L;
        long l = 32_900_000L;
        assertEquals(125, (4 * l) >> 20);
        assertEquals(3291, DeepSpeedEstimator.zero3(p, l, 4, 1, false, false, true, ABF).gpuBytes() >> 20, 1);
        assertEquals(125, DeepSpeedEstimator.zero3(p, l, 4, 1, true, true, true, ABF).gpuBytes() >> 20, 1);
        assertEquals(477, DeepSpeedEstimator.zero3(p, l, 4, 1, true, false, true, ABF).gpuBytes() >> 20, 1);
    }

    @Test
    void multiNodeUsesPerNodeCpuFactor() {
        // stage3.py: gpus_factor = 1/num_nodes; with zero_init the CPU share is P·18/nodes·abf.
        DeepSpeedRow r = DeepSpeedEstimator.zero3(1_000_000_000L, 10_000_000L, 8, 4, true, true, true, ABF);
        assertEquals((long) (18e9 / 4 * ABF), r.cpuBytes());
        assertEquals(40_000_000L, r.gpuBytes());
    }

    @Test
    void inputsWhoseBytesExceedALongAreRefusedNamingTheKey() {
        // 10^15 parameters on 2^21 x 8 GPUs: P·4g·abf = 1e15 · 6.7e7 · 1.5 ≈ 1e23 bytes, beyond 2^63
        var e = assertThrows(org.scalelab.common.InvalidParameterException.class,
                () -> DeepSpeedEstimator.zero2AllCold(1_000_000_000_000_000L, 8, 1L << 21, ABF, false));
        assertEquals("params", e.field());
        assertEquals("nodes", assertThrows(org.scalelab.common.InvalidParameterException.class,
                () -> DeepSpeedEstimator.zero3AllCold(1_000_000L, 0, 8, 1L << 22, ABF)).field());
        assertEquals("buffer_factor", assertThrows(org.scalelab.common.InvalidParameterException.class,
                () -> DeepSpeedEstimator.zero3AllCold(1_000_000L, 0, 8, 1, Double.NaN)).field());
        // just inside: every row is a non-negative number of bytes (the CPU figure computed in doubles, as Python's ints)
        for (DeepSpeedRow r : DeepSpeedEstimator.zero3AllCold(10_000_000_000L, 0, 8, 1L << 21, ABF)) {
            assertTrue(r.cpuBytes() >= 0 && r.gpuBytes() >= 0, r.toString());
        }
    }
}
