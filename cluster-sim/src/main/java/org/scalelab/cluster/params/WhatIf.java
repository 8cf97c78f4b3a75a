package org.scalelab.cluster.params;

import java.util.List;
import org.scalelab.cluster.failure.FailureTable;
import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * The {@code what_if:} block of a {@code kind: cluster} file: the abstract job of Daly's model. The
 * job MTBF is given ({@code mtbf_hours}) or derived from a GPU count and a published failure table
 * ({@code gpus} and {@code failures}, e.g. 16384 and llama3: 3.09 h), see
 * {@link FailureTable#jobMtbfHours}.
 *
 * @param mtbfHours       job MTBF, hours (or derived from gpus and failures)
 * @param checkpointSeconds time to take one checkpoint δ, s (required)
 * @param restartSeconds  time to restart after a failure R, s (default
 *                        {@value org.scalelab.cluster.sim.Recovery#DEFAULT_RESTART_SECONDS}, as recovery.restart_seconds)
 * @param interval        fixed, young or daly (default daly)
 * @param intervalSeconds the interval for {@code fixed}
 * @param gpus            GPUs of the job, to derive the MTBF from {@code failures}
 * @param failures        failure table name ({@link FailureTable#names()}), with {@code gpus}
 */
public record WhatIf(Double mtbfHours, Double checkpointSeconds, Double restartSeconds, String interval,
        Double intervalSeconds, Integer gpus, String failures) {
    /** Largest MTBF: 10⁹ hours; beyond it no failure happens in any run and seconds overflow nothing useful. */
    public static final double MAX_MTBF_HOURS = 1e9;

    public WhatIf {
        mtbfHours = mtbfHours(mtbfHours, gpus, failures);
        Check.positive("checkpoint_seconds", Check.present("checkpoint_seconds", checkpointSeconds));
        restartSeconds = restartSeconds == null ? org.scalelab.cluster.sim.Recovery.DEFAULT_RESTART_SECONDS : restartSeconds;
        Check.nonNegative("restart_seconds", restartSeconds);
        interval = interval == null ? (intervalSeconds != null ? "fixed" : "daly") : interval;
        Check.oneOf("interval", interval, List.of("fixed", "young", "daly"));
        if (interval.equals("fixed")) {
            Check.positive("interval_seconds", Check.present("interval_seconds", intervalSeconds));
        } else if (intervalSeconds != null) {
            // The policy picks the interval: a given one would be ignored without a word (the
            // command line refuses --interval with --interval-seconds the same way).
            throw new InvalidParameterException("interval_seconds", "cannot be combined with interval: " + interval
                    + " (which picks the interval); give interval: fixed, or drop interval_seconds", Check.format(intervalSeconds));
        }
    }

    /**
     * The job MTBF in hours: {@code mtbfHours} when given, else derived from {@code gpus} and the
     * failure table {@code failures}; giving both ways, or only half of the second, fails. The
     * messages name the keys as a file spells them.
     */
    public static double mtbfHours(Double mtbfHours, Integer gpus, String failures) {
        return mtbfHours(mtbfHours, gpus, failures, java.util.function.UnaryOperator.identity());
    }

    /**
     * {@link #mtbfHours(Double, Integer, String)} whose messages name the three inputs by
     * {@code named} of their keys: a command passes its options ({@code gpus} → {@code --gpus}),
     * so that the rule names what the user typed.
     */
    public static double mtbfHours(Double mtbfHours, Integer gpus, String failures,
            java.util.function.UnaryOperator<String> named) {
        String either = named.apply("gpus") + " with " + named.apply("failures");
        if (mtbfHours != null) {
            if (gpus != null || failures != null) {
                throw new InvalidParameterException("mtbf_hours", "give " + named.apply("mtbf_hours") + ", or " + either
                        + ", not both", Check.format(mtbfHours));
            }
            // 10^9 hours (about 114,000 years): failures rarer than that never happen in a run.
            return Check.inHalfOpen("mtbf_hours", mtbfHours, 0, MAX_MTBF_HOURS);
        }
        if (gpus == null && failures == null) {
            throw new InvalidParameterException("mtbf_hours", "required (or " + either + ", e.g. 16384 and llama3)", "missing");
        }
        if (gpus == null) {
            throw new InvalidParameterException("gpus", "is required with " + named.apply("failures") + " (the job's GPUs,"
                    + " to scale the failure table to)", "missing");
        }
        Check.atLeastOne("gpus", gpus);
        if (failures == null) {
            throw new InvalidParameterException("failures", "is required with " + named.apply("gpus") + " (the failure table"
                    + " the job MTBF is derived from: " + String.join(", ", FailureTable.names()) + ")", "missing");
        }
        return FailureTable.byName("failures", failures).jobMtbfHours(gpus);
    }
}
