package org.scalelab.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Korthikanti et al. 2022, "Reducing Activation Recomputation in Large Transformer Models" (arXiv:2205.05198). */
class ActivationsTest {
    // GPT-3 175B row of Table 3: a = 96, h = 12288, L = 96, s = 2048, v = 51200, t = 8, p = 8, b = 1.
    private static final long S = 2048;
    private static final long H = 12288;
    private static final long A = 96;
    private static final double REL = 1e-12;

    @Test
    void eq1IsTheSumOfTheSection41Breakdown() {
        // §4.1: attention 11sbh + 5as²b, MLP 19sbh, two LayerNorms 4sbh => sbh(34 + 5as/h).
        long b = 3;
        double sbh = (double) S * b * H;
        double breakdown = 11 * sbh + 5.0 * A * S * S * b + 19 * sbh + 4 * sbh;
        assertEquals(breakdown, Activations.perLayerEq1(S, b, H, A), breakdown * REL);
        assertEquals(Activations.perLayerEq1(S, b, H, A),
                Activations.perLayerBytes(S, b, H, A, 1, false, Recompute.NONE, false), breakdown * REL);
    }

    @Test
    void tensorAndSequenceParallelEquations() {
        double sbh = (double) S * H;
        for (long t : new long[] {1, 2, 4, 8}) {
            // Korthikanti 2022, Eq. 2: sbh(10 + 24/t + 5as/(ht))
            double eq2 = sbh * (10 + 24.0 / t + 5.0 * A * S / (H * t));
            assertEquals(eq2, Activations.perLayerBytes(S, 1, H, A, t, false, Recompute.NONE, false), eq2 * REL);
            // Korthikanti 2022, Eq. 4: sbh(34/t + 5as/(ht)) = Eq. 1 / t
            double eq4 = Activations.perLayerEq1(S, 1, H, A) / t;
            assertEquals(eq4, Activations.perLayerBytes(S, 1, H, A, t, true, Recompute.NONE, false), eq4 * REL);
            // Table 2: selective with TP sbh(10 + 24/t); Eq. 6 with TP+SP 34sbh/t; full 2sbh
            assertEquals(sbh * (10 + 24.0 / t), Activations.perLayerBytes(S, 1, H, A, t, false, Recompute.SELECTIVE, false), sbh * REL);
            assertEquals(34 * sbh / t, Activations.perLayerBytes(S, 1, H, A, t, true, Recompute.SELECTIVE, false), sbh * REL);
            assertEquals(2 * sbh, Activations.perLayerBytes(S, 1, H, A, t, false, Recompute.FULL, false), sbh * REL);
            // with sequence parallelism the kept layer input is the [s/t, b, h] shard (Megatron-LM
            // transformer_config.py: distribute_saved_activations is refused with sequence parallelism)
            assertEquals(2 * sbh / t, Activations.perLayerBytes(S, 1, H, A, t, true, Recompute.FULL, false), sbh * REL);
        }
    }

    @Test
    void selectiveRecomputeSavesSeventyAndSixtyFivePercent() {
        // §5: selective recomputation saves 70% of activation memory for GPT-3 (5as/h = 80) and 65% for MT-NLG (5as/h = 64).
        assertEquals(80.0, 5.0 * A * S / H, 1e-12);
        double gpt3 = 1 - Activations.perLayerBytes(S, 1, H, A, 1, false, Recompute.SELECTIVE, false)
                / Activations.perLayerBytes(S, 1, H, A, 1, false, Recompute.NONE, false);
        assertEquals(0.70, gpt3, 0.005);
        long hMt = 20480;
        long aMt = 128;
        double mtnlg = 1 - Activations.perLayerBytes(S, 1, hMt, aMt, 1, false, Recompute.SELECTIVE, false)
                / Activations.perLayerBytes(S, 1, hMt, aMt, 1, false, Recompute.NONE, false);
        assertEquals(0.65, mtnlg, 0.005);
    }

    @Test
    void flashAttentionDropsTheQuadraticTermButKeepsItsOutputAndLogSumExp() {
        // Dao et al. 2022 (FlashAttention) §3.1: the backward pass needs Q, K, V, the output O and the
        // softmax statistics (log-sum-exp, fp32), not the s×s matrices; so flash attention without
        // recomputation keeps selective recomputation's 34sbh/t plus O (2sbh/t) and 4as·b/t.
        double flash = Activations.perLayerBytes(S, 1, H, A, 8, true, Recompute.NONE, true);
        double selective = Activations.perLayerBytes(S, 1, H, A, 8, true, Recompute.SELECTIVE, false);
        assertEquals(selective + 2.0 * S * H / 8 + 4.0 * A * S / 8, flash, flash * REL);
        assertEquals(selective, Activations.perLayerBytes(S, 1, H, A, 8, true, Recompute.SELECTIVE, true), flash * REL);
    }

    @Test
    void interleavedFirstStageMultiplier() {
        // §4.2.3: interleaved schedule stores L(1 + (p − 1)/(pm)) layers' worth on the first stage; 1F1B stores L.
        assertEquals(1 + 7.0 / (8 * 3), Activations.firstStageMultiplier(8, 3), 1e-15);
        assertEquals(1.0, Activations.firstStageMultiplier(8, 1));
        assertEquals(1.0, Activations.firstStageMultiplier(1, 3));
    }

    @Test
    void eq5PlusSection43ExtrasForTheFullModel() {
        // Korthikanti 2022, Eq. 5: total = sbhL/t·(34 + 5as/h) with TP+SP, independent of p (1F1B);
        // §4.3 extras: sbhL/t·(p/L + δ_{p=1}·(4/L)(1 + v/h)) with fp32 logits.
        TransformerShape gpt3 = TransformerShape.gpt("gpt3-175b-korthikanti", 96, (int) H, (int) A, 51200);
        long l = 96;
        long t = 8;
        double sbh = (double) S * H;
        for (long p : new long[] {1, 8}) {
            double eq5 = sbh * l / t * (34 + 5.0 * A * S / H);
            double extra = sbh * l / t * ((double) p / l + (p == 1 ? 4.0 / l * (1 + 51200.0 / H) : 0));
            double ours = Activations.peakBytes(gpt3, S, 1, t, p, 1, true, Recompute.NONE, false, 4);
            assertEquals(eq5 + extra, ours, ours * 1e-12, "p=" + p);
        }
    }

    @Test
    void logitsDominateForSmallModels() {
        // Why the logits dtype matters: GPT-2 small (12 layers, h = 768, v = 50257) at s = 1024 with
        // full recomputation keeps 2sbh per layer, while the fp32 logits alone are 4sbv.
        TransformerShape small = TransformerShape.gpt("gpt2", 12, 768, 12, 50257);
        double withLogits = Activations.peakBytes(small, 1024, 8, 1, 1, 1, false, Recompute.FULL, false, 4);
        double logits = 4.0 * 1024 * 8 * 50257;
        assertTrue(logits > withLogits / 2, "logits are most of the peak");
    }
}
