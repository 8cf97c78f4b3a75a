package org.scalelab.planner;

import org.scalelab.common.Check;
import org.scalelab.memory.Recompute;

/**
 * Dimensions of the layout search the user fixes (to reproduce a published layout or forbid a
 * choice); null leaves a dimension to the search.
 *
 * @param tp            tensor-parallel degree
 * @param pp            pipeline-parallel degree
 * @param zero          ZeRO stage 0-3
 * @param microBatch    sequences per micro-batch
 * @param recompute     activation recomputation
 * @param virtualStages interleaved model chunks per pipeline stage (1 = plain 1F1B)
 * @param ep            expert-parallel degree (mixture-of-experts models only; must divide the experts)
 */
public record LayoutPins(Integer tp, Integer pp, Integer zero, Integer microBatch, Recompute recompute,
        Integer virtualStages, Integer ep) {

    /** Nothing pinned. */
    public static final LayoutPins NONE = new LayoutPins(null, null, null, null, null, null, null);

    /** Pins of a dense layout (no expert-parallel pin). */
    public LayoutPins(Integer tp, Integer pp, Integer zero, Integer microBatch, Recompute recompute, Integer virtualStages) {
        this(tp, pp, zero, microBatch, recompute, virtualStages, null);
    }

    /** Validates the pinned values (each at least 1; ZeRO 0-3). */
    public LayoutPins {
        if (tp != null) {
            Check.atLeastOne("tp", tp);
        }
        if (pp != null) {
            Check.atLeastOne("pp", pp);
        }
        if (zero != null) {
            Check.inRange("zero", zero, 0, 3);
        }
        if (microBatch != null) {
            Check.atLeastOne("micro_batch", microBatch);
        }
        if (virtualStages != null) {
            Check.atLeastOne("virtual_stages", virtualStages);
        }
        if (ep != null) {
            Check.atLeastOne("ep", ep);
        }
    }

    /** Whether {@code value} is allowed for a dimension pinned to {@code pin} (null: anything). */
    static boolean allows(Integer pin, int value) {
        return pin == null || pin == value;
    }
}
