package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * Multi-head latent attention (MLA): queries, keys and values pass through low-rank projections, and
 * part of each query and key head carries the rotary position while a single rotary key is shared by
 * all heads. Source: DeepSeek-AI 2024, DeepSeek-V2 (arXiv:2405.04434), Section 2.1.2, Eqs. 9-19.
 *
 * @param qLoraRank     rank of the query compression d'_c (0: queries are projected directly from h)
 * @param kvLoraRank    rank of the key/value compression d_c
 * @param qkNopeHeadDim per-head query/key width without position, d_h
 * @param qkRopeHeadDim per-head query/key width that carries the rotary position, d_h^R
 * @param vHeadDim      per-head value width
 */
public record LatentAttention(int qLoraRank, int kvLoraRank, int qkNopeHeadDim, int qkRopeHeadDim, int vHeadDim) {

    /** Validates every width; messages name the parameter-file keys. */
    public LatentAttention {
        Check.inRange("q_lora_rank", qLoraRank, 0, TransformerShape.MAX_HIDDEN);
        Check.inRange("kv_lora_rank", kvLoraRank, 1, TransformerShape.MAX_HIDDEN);
        Check.inRange("qk_nope_head_dim", qkNopeHeadDim, 1, TransformerShape.MAX_HIDDEN);
        Check.inRange("qk_rope_head_dim", qkRopeHeadDim, 0, TransformerShape.MAX_HIDDEN);
        Check.inRange("v_head_dim", vHeadDim, 1, TransformerShape.MAX_HIDDEN);
    }

    /**
     * Parameters of one MLA block for width h and a heads: W^{DQ} (h·d'_c), its norm (d'_c),
     * W^{UQ} and W^{QR} (d'_c·a·(d_h + d_h^R)), W^{DKV} and W^{KR} (h·(d_c + d_h^R)), its norm (d_c),
     * W^{UK} and W^{UV} (d_c·a·(d_h + d_v)), and W^O (a·d_v·h). No biases.
     * Source: DeepSeek-AI 2024 (DeepSeek-V2), Section 2.1.2, Eqs. 9-19; the norms on the compressed
     * vectors from the released modelling code ({@code q_a_layernorm}, {@code kv_a_layernorm}).
     * Unit: parameters.
     */
    public long paramCount(long hidden, long heads) {
        long qk = qkNopeHeadDim + qkRopeHeadDim;
        long q = qLoraRank > 0 ? hidden * qLoraRank + qLoraRank + (long) qLoraRank * heads * qk : hidden * heads * qk;
        long kv = hidden * (kvLoraRank + qkRopeHeadDim) + kvLoraRank + (long) kvLoraRank * heads * (qkNopeHeadDim + vHeadDim);
        long out = heads * vHeadDim * hidden;
        return Math.addExact(Math.addExact(q, kv), out);
    }
}
