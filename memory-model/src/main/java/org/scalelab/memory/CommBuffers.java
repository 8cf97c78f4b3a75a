package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * DeepSpeed's communication buffers, sized by its ZeRO configuration (element counts; DeepSpeed
 * {@code runtime/zero/config.py} defaults: {@code reduce_bucket_size} 5e8, {@code allgather_bucket_size}
 * 5e8, {@code stage3_prefetch_bucket_size} 5e7, {@code stage3_max_live_parameters} 1e9).
 *
 * @param reduceBucketElements    gradient reduce bucket, elements
 * @param allgatherBucketElements parameter all-gather bucket (stages 1-2), elements
 * @param prefetchBucketElements  stage-3 parameter prefetch bucket, elements
 * @param maxLiveParameters       stage-3 gathered parameters kept live, elements
 * @param bytesPerElement         bytes per buffer element (2 for fp16/bf16)
 */
public record CommBuffers(double reduceBucketElements, double allgatherBucketElements, double prefetchBucketElements,
                          double maxLiveParameters, double bytesPerElement) {

    /** Validates every field (non-negative; bytes per element positive). */
    public CommBuffers {
        Check.nonNegative("reduce_bucket_size", reduceBucketElements);
        Check.nonNegative("allgather_bucket_size", allgatherBucketElements);
        Check.nonNegative("stage3_prefetch_bucket_size", prefetchBucketElements);
        Check.nonNegative("stage3_max_live_parameters", maxLiveParameters);
        Check.positive("buffer_bytes_per_element", bytesPerElement);
    }

    /** DeepSpeed's defaults (see the class comment), 16-bit elements. */
    public static CommBuffers deepSpeedDefaults() {
        return new CommBuffers(5e8, 5e8, 5e7, 1e9, 2);
    }

    /**
     * Buffer bytes per GPU for a stage: stage 0 the reduce bucket; stages 1-2 the reduce and
     * all-gather buckets; stage 3 the reduce bucket, the prefetch bucket and the live gathered
     * parameters. No bucket can hold more than the model-parallel shard's {@code shardParams}
     * elements, so each is capped there. Our accounting of DeepSpeed's configuration (the ZeRO paper
     * §6.2 C_B motivates constant-size buffers but gives no sizes). Bytes.
     */
    public double bytes(ZeroStage stage, double shardParams) {
        double elements = switch (stage) {
            case STAGE_0 -> cap(reduceBucketElements, shardParams);
            case STAGE_1, STAGE_2 -> cap(reduceBucketElements, shardParams) + cap(allgatherBucketElements, shardParams);
            case STAGE_3 -> cap(reduceBucketElements, shardParams) + cap(prefetchBucketElements, shardParams)
                    + cap(maxLiveParameters, shardParams);
        };
        return elements * bytesPerElement;
    }

    private static double cap(double elements, double shardParams) {
        return Math.min(elements, shardParams);
    }
}
