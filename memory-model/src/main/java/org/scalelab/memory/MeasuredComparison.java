package org.scalelab.memory;

import org.scalelab.common.Check;

/**
 * A prediction beside a measurement (for example {@code torch.cuda.max_memory_allocated} for the
 * peak and the allocation after the optimizer step for the steady state).
 *
 * @param predictedPeakBytes    predicted total per GPU, bytes
 * @param measuredPeakBytes     measured peak per GPU, bytes
 * @param peakRelativeError     (predicted − measured)/measured
 * @param predictedSteadyBytes  predicted model states + buffers + reserve (what stays allocated between steps), bytes
 * @param measuredSteadyBytes   measured steady allocation, bytes (NaN when not measured)
 * @param steadyRelativeError   (predicted − measured)/measured (NaN when not measured)
 */
public record MeasuredComparison(double predictedPeakBytes, double measuredPeakBytes, double peakRelativeError,
                                 double predictedSteadyBytes, double measuredSteadyBytes, double steadyRelativeError) {

    /**
     * Compares a prediction with measured peak and (optionally, NaN when absent) steady bytes.
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code peak_bytes} or {@code steady_bytes}
     */
    public static MeasuredComparison of(MemoryBreakdown predicted, double measuredPeakBytes, double measuredSteadyBytes) {
        Check.positive("peak_bytes", measuredPeakBytes);
        if (!Double.isNaN(measuredSteadyBytes)) {
            Check.positive("steady_bytes", measuredSteadyBytes);
        }
        double peak = predicted.totalBytes();
        double steady = predicted.modelStatesBytes() + predicted.buffersBytes() + predicted.reserveBytes();
        return new MeasuredComparison(peak, measuredPeakBytes, (peak - measuredPeakBytes) / measuredPeakBytes,
                steady, measuredSteadyBytes, (steady - measuredSteadyBytes) / measuredSteadyBytes);
    }
}
