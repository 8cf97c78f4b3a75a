package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.memory.MemoryComparisons.FitCell;
import org.scalelab.memory.MemoryComparisons.OpBytes;
import org.scalelab.memory.MemoryComparisons.SeqPoint;
import org.scalelab.memory.MemoryComparisons.StagePoint;

/**
 * The rows a memory page charts, against the ZeRO paper (Rajbhandari et al. 2019, arXiv:1910.02054)
 * and Korthikanti et al. 2022 (arXiv:2205.05198).
 */
class MemoryComparisonsTest {
    private static final TrainingSetup ZERO_7_5B = TrainingSetup.builder().paramCount(7_500_000_000L).dp(64).build();

    @Test
    void byStageIsTheZeroPapersFigure1() {
        // Rajbhandari 2019, Fig. 1: Ψ = 7.5B, N_d = 64, K = 12: 120, 31.4, 16.6, 1.9 GB (half a unit of the last digit).
        double[] printed = {120, 31.4, 16.6, 1.9};
        double[] tolerance = {0.5, 0.05, 0.05, 0.05};
        List<StagePoint> points = MemoryComparisons.byStage(ZERO_7_5B, 32_000_000_000L);
        assertEquals(4, points.size());
        for (StagePoint p : points) {
            int k = p.stage().number();
            assertEquals(printed[k], p.modelStatesBytes() / 1e9, tolerance[k], p.stage().paperName());
            assertEquals(p.breakdown().totalBytes(), p.totalBytes());
            assertEquals(64, p.dp());
        }
        // on a 32 GB V100 only P_os and beyond fit, as Figure 1's model is chosen to show
        assertEquals(List.of(false, true, true, true), points.stream().map(StagePoint::fits).toList());
    }

    @Test
    void byStageAndDpIsTheZeroPapersTable1() {
        // Rajbhandari 2019, Table 1, 7.5B columns (GB): P_os 52.5, 35.6, 31.4; P_os+g 41.3, 21.6, 16.6; P_os+g+p 30, 7.5, 1.88
        // at N_d = 4, 16, 64; within one unit of the last printed digit (the paper rounds these cells).
        double[][] printed = {{52.5, 35.6, 31.4}, {41.3, 21.6, 16.6}, {30, 7.5, 1.88}};
        double[][] unit = {{0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}, {1, 0.1, 0.01}};
        List<StagePoint> points = MemoryComparisons.byStageAndDp(ZERO_7_5B, List.of(4L, 16L, 64L), 32_000_000_000L);
        assertEquals(12, points.size());
        for (StagePoint p : points) {
            int dpIndex = p.dp() == 4 ? 0 : p.dp() == 16 ? 1 : 2;
            if (p.stage() != ZeroStage.STAGE_0) {
                int k = p.stage().number() - 1;
                assertEquals(printed[k][dpIndex], p.modelStatesBytes() / 1e9, unit[k][dpIndex], p.stage() + " dp " + p.dp());
            } else {
                assertEquals(120, p.modelStatesBytes() / 1e9, 0.5);
            }
        }
        // stage-major order, as the chart draws one line per stage
        assertEquals(ZeroStage.STAGE_0, points.get(2).stage());
        assertEquals(ZeroStage.STAGE_1, points.get(3).stage());
    }

    @Test
    void lowestFittingStageAnswersSection54() {
        // Rajbhandari 2019, Section 5.4: "with N_d = 64, ZeRO can train models with up to 7.5B, 14B, and 128B
        // parameters using P_os, P_os+g, and P_os+g+p" on 32 GB V100s; 1.5B fits without ZeRO.
        TrainingSetup setup = TrainingSetup.builder().paramCount(1_000_000_000L).build();
        List<FitCell> cells = MemoryComparisons.lowestFittingStage(setup, List.of(1.5, 7.5, 14.0, 120.0), List.of(64L),
                32_000_000_000L);
        assertEquals(List.of(0, 1, 2, 3), cells.stream().map(FitCell::lowestStage).toList());
        assertEquals(List.of(false, false, true, true), cells.get(2).fits());
        assertEquals(64, cells.get(0).dp());
        // 200B needs 50 GB per GPU even at stage 3 on 64 GPUs: none fits
        assertEquals(4, MemoryComparisons.lowestFittingStage(setup, List.of(200.0), List.of(64L), 32_000_000_000L).get(0)
                .lowestStage());
    }

    @Test
    void lowestFittingStageLeavesOutCountsBelowOneReplica() {
        TrainingSetup setup = TrainingSetup.builder().paramCount(1_000_000_000L).tp(8).pp(2).build();
        List<FitCell> cells = MemoryComparisons.lowestFittingStage(setup, List.of(1.0), List.of(8L, 16L, 64L), 80_000_000_000L);
        assertEquals(List.of(16L, 64L), cells.stream().map(FitCell::gpus).toList());
        assertEquals(List.of(1L, 4L), cells.stream().map(FitCell::dp).toList());
        // all below t·p: the count t·p alone
        assertEquals(List.of(16L), MemoryComparisons.lowestFittingStage(setup, List.of(1.0), List.of(4L), 80_000_000_000L)
                .stream().map(FitCell::gpus).toList());
    }

    @Test
    void activationOpsAddUpToKorthikantiEq1() {
        // Korthikanti 2022, Eq. 1 (GPT-3 175B block, Table 3: a = 96, h = 12288, s = 2048, b = 1, no parallelism):
        // sbh(34 + 5as/h) bytes per layer without recomputation, 2sbh with full recomputation (Table 2).
        TransformerShape gpt3 = TransformerShape.gpt("gpt3-175b-korthikanti", 96, 12288, 96, 51200);
        TrainingSetup setup = TrainingSetup.builder().shape(gpt3).seqLength(2048).microBatch(1).build();
        double sbh = 2048.0 * 12288;
        double eq1 = sbh * (34 + 5.0 * 96 * 2048 / 12288);
        List<OpBytes> rows = MemoryComparisons.activationOps(setup);
        double none = rows.stream().filter(r -> r.recompute() == Recompute.NONE).mapToDouble(OpBytes::bytes).sum();
        double full = rows.stream().filter(r -> r.recompute() == Recompute.FULL).mapToDouble(OpBytes::bytes).sum();
        assertEquals(eq1, none, eq1 * 1e-12);
        assertEquals(2 * sbh, full, sbh * 1e-12);
        assertEquals(List.of(Recompute.values()), rows.stream().map(OpBytes::recompute).distinct().toList());
    }

    @Test
    void activationsBySeqFollowsThePolicies() {
        // Korthikanti 2022, Table 2: full recomputation keeps 2sbh per layer, linear in s; without it the
        // 5as²b attention term makes the memory grow faster than s.
        TransformerShape gpt3 = TransformerShape.gpt("gpt3-175b-korthikanti", 96, 12288, 96, 51200);
        TrainingSetup setup = TrainingSetup.builder().shape(gpt3).microBatch(1).build();
        List<SeqPoint> rows = MemoryComparisons.activationsBySeq(setup, List.of(1024L, 2048L));
        assertEquals(2 * (Recompute.values().length + 1), rows.size());
        SeqPoint full = rows.stream().filter(r -> r.recompute() == Recompute.FULL && r.seqTokens() == 2048).findFirst().orElseThrow();
        assertEquals(MemoryModel.activations(setup.toBuilder().recompute(Recompute.FULL).seqLength(2048).build()), full.bytes());
        double none1k = rows.get(0).bytes();
        double none2k = rows.get(1).bytes();
        assertEquals(Recompute.NONE, rows.get(0).recompute());
        assertEquals(true, none2k > 2 * none1k, "the attention scores grow with s²");
        SeqPoint flash = rows.get(rows.size() - 1);
        assertEquals(true, flash.flashAttention());
        assertEquals(Recompute.NONE, flash.recompute());
    }

    @Test
    void activationRowsNeedAShape() {
        assertThrows(IllegalArgumentException.class, () -> MemoryComparisons.activationOps(ZERO_7_5B));
        assertThrows(IllegalArgumentException.class, () -> MemoryComparisons.activationsBySeq(ZERO_7_5B, List.of(1024L)));
    }

    @Test
    void atStageKeepsParameterOffloadOnlyAtStage3() {
        TrainingSetup s3 = ZERO_7_5B.toBuilder().stage(ZeroStage.STAGE_3).offload(Offload.OPTIMIZER_AND_PARAMS).build();
        assertEquals(Offload.OPTIMIZER, s3.atStage(ZeroStage.STAGE_2).offload());
        assertEquals(Offload.OPTIMIZER_AND_PARAMS, s3.atStage(ZeroStage.STAGE_3).offload());
        assertEquals(ZeroStage.STAGE_1, s3.atStage(ZeroStage.STAGE_1).stage());
    }
}
