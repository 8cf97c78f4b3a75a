package org.scalelab.memory;

import java.util.OptionalLong;
import java.util.function.LongPredicate;
import org.scalelab.common.Check;

/**
 * Inverse questions on {@link MemoryModel}: the largest model, the largest micro-batch, the fewest
 * GPUs that fit a given GPU memory. Each searches a quantity in which memory is monotone (more
 * parameters or a larger micro-batch never use less memory; a larger data-parallel degree never uses
 * more), so a doubling search followed by bisection finds the exact integer boundary.
 */
public final class MemorySolver {
    /** Largest data-parallel degree {@link #minDataParallel} tries. */
    public static final long MAX_DP = 1L << 24;

    private MemorySolver() {}

    /**
     * The largest parameter count Ψ whose setup (with {@code setup}'s other settings, Ψ split as
     * Ψ/(t·p)) fits {@code gpuMemoryBytes}: the ZeRO paper's Table 2 question (Rajbhandari et al. 2019,
     * §5.4, Table 2). Without a shape this is model states only, Ψ_max = M/c with c from
     * {@link ModelStates#bytesPerShardParam}; with a shape its activations are subtracted first.
     *
     * @return parameters; empty when not even one parameter fits
     */
    public static OptionalLong maxParams(TrainingSetup setup, long gpuMemoryBytes) {
        Check.atLeastOne("gpu_memory_bytes", gpuMemoryBytes);
        TrainingSetup.Builder b = setup.toBuilder();
        return largestFitting(n -> fits(b.paramCount(n).build(), gpuMemoryBytes), TrainingSetup.MAX_PARAMS);
    }

    /**
     * The largest parameter count that fits both {@code gpuMemoryBytes} on the GPU and, for what
     * offload moves there, the host memory each GPU gets ({@link HostMemory#bytesPerGpu()}). Under
     * ZeRO-3 with parameter offload the GPU side is bounded by the gathered largest layer
     * ({@link GatheredLayer}), the host side by the offloaded model states.
     *
     * @return parameters; empty when not even one parameter fits
     */
    public static OptionalLong maxParams(TrainingSetup setup, long gpuMemoryBytes, HostMemory host) {
        Check.atLeastOne("gpu_memory_bytes", gpuMemoryBytes);
        Check.present("host", host);
        TrainingSetup.Builder b = setup.toBuilder();
        return largestFitting(n -> {
            TrainingSetup s = b.paramCount(n).build();
            return fits(s, gpuMemoryBytes, host);
        }, TrainingSetup.MAX_PARAMS);
    }

    /**
     * The largest micro-batch b (sequences) for which the setup fits {@code gpuMemoryBytes}
     * (activations grow linearly in b, Korthikanti et al. 2022, Eq. 1-6).
     *
     * @return sequences; empty when b = 1 does not fit
     * @throws org.scalelab.common.InvalidParameterException ({@code model}) when the setup has no shape
     */
    public static OptionalLong maxMicroBatch(TrainingSetup setup, long gpuMemoryBytes) {
        Check.atLeastOne("gpu_memory_bytes", gpuMemoryBytes);
        Check.present("model", setup.shape());
        TrainingSetup.Builder b = setup.toBuilder();
        return largestFitting(n -> fits(b.microBatch(n).build(), gpuMemoryBytes), TrainingSetup.MAX_MICRO_BATCH);
    }

    /**
     * The smallest data-parallel degree N_d (up to {@link #MAX_DP}) at which the setup fits; the GPU
     * count is N_d·t·p·ep. Memory is non-increasing in N_d for every stage (ZeRO §5), so this is exact.
     *
     * @return data-parallel degree; empty when even {@link #MAX_DP} does not fit (e.g. stage 0 or 1 with a too large model)
     */
    public static OptionalLong minDataParallel(TrainingSetup setup, long gpuMemoryBytes) {
        Check.atLeastOne("gpu_memory_bytes", gpuMemoryBytes);
        TrainingSetup.Builder b = setup.toBuilder();
        return minDataParallel(setup, n -> fits(b.dp(n).build(), gpuMemoryBytes));
    }

    /**
     * The smallest data-parallel degree at which the setup fits the GPU and, for what offload moves
     * there, the node's host memory ({@link #fits(TrainingSetup, long, HostMemory)}); offloaded states
     * shard over N_d as the GPU's do, so the test stays monotone.
     *
     * @return data-parallel degree; empty when even {@link #MAX_DP} does not fit
     */
    public static OptionalLong minDataParallel(TrainingSetup setup, long gpuMemoryBytes, HostMemory host) {
        Check.atLeastOne("gpu_memory_bytes", gpuMemoryBytes);
        Check.present("host", host);
        TrainingSetup.Builder b = setup.toBuilder();
        return minDataParallel(setup, n -> fits(b.dp(n).build(), gpuMemoryBytes, host));
    }

    private static OptionalLong minDataParallel(TrainingSetup setup, LongPredicate fits) {
        long maxDp = Math.min(MAX_DP, TrainingSetup.MAX_GPUS / (setup.tp() * setup.pp() * setup.ep()));
        if (maxDp < 1 || !fits.test(maxDp)) {
            return OptionalLong.empty();
        }
        long lo = 0;
        long hi = maxDp;
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (fits.test(mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return OptionalLong.of(hi);
    }

    /**
     * Whether the setup fits: {@link #neededBytes} within {@code gpuMemoryBytes}.
     */
    public static boolean fits(TrainingSetup setup, long gpuMemoryBytes) {
        return neededBytes(setup) <= gpuMemoryBytes;
    }

    /**
     * The GPU memory the setup needs, bytes: its {@link MemoryModel#estimate} total, and with a precision
     * recipe the larger of that and the step's peak ({@link StepPeak}) plus the reserve. Without a recipe
     * only the total counts, as before recipes existed. The one test of "fits" for {@code memory},
     * its solvers and the planner.
     */
    public static double neededBytes(TrainingSetup setup) {
        return neededBytes(setup, MemoryModel.estimate(setup));
    }

    /** {@link #neededBytes(TrainingSetup)} given the setup's breakdown {@code m} ({@link MemoryModel#estimate}). */
    public static double neededBytes(TrainingSetup setup, MemoryBreakdown m) {
        return setup.recipe() == null ? m.totalBytes()
                : Math.max(m.totalBytes(), StepPeak.estimate(setup, m).peakAllocatedBytes() + setup.reserveBytes());
    }

    /**
     * Whether the setup fits both the GPU ({@link #fits(TrainingSetup, long)}) and, for what offload
     * moves to CPU memory, the node's host memory ({@link HostMemory#holds}).
     */
    public static boolean fits(TrainingSetup setup, long gpuMemoryBytes, HostMemory host) {
        return fits(setup, gpuMemoryBytes) && host.holds(MemoryModel.estimate(setup).cpuBytes());
    }

    /** Largest n ≥ 1 with {@code fits(n)} for a predicate true up to some n and false beyond. */
    static OptionalLong largestFitting(LongPredicate fits, long limit) {
        if (!fits.test(1)) {
            return OptionalLong.empty();
        }
        long lo = 1;
        long hi = 2;
        while (hi < limit && fits.test(hi)) {
            lo = hi;
            hi = Math.min(limit, hi * 2);
        }
        if (hi >= limit && fits.test(hi)) {
            return OptionalLong.of(hi);
        }
        while (hi - lo > 1) {
            long mid = lo + (hi - lo) / 2;
            if (fits.test(mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return OptionalLong.of(lo);
    }
}
