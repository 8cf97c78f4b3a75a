package org.scalelab.kernels.run;

import java.util.List;
import java.util.Map;
import org.scalelab.kernels.gpu.Tuning;
import org.scalelab.kernels.Measurement;

/**
 * The outcome of a {@link SgemmRunner} run.
 *
 * @param results  the measurements that ran where asked and passed the accuracy check
 * @param skipped  kernel/device/size combinations not run, with the reason
 * @param failures measurements rejected (wrong device, wrong result, errors), with the reason
 * @param tunings  tuning used per OpenCL device ({@code ran_on} label)
 * @param seed     seed of the inputs
 */
public record RunResult(
        List<Measurement> results,
        List<Note> skipped,
        List<Note> failures,
        Map<String, Tuning> tunings,
        long seed) {

    /** A combination that was skipped or failed. */
    public record Note(String kernel, String device, int n, String reason) { }
}
