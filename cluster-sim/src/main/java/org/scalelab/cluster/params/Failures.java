package org.scalelab.cluster.params;

import java.util.List;
import org.scalelab.cluster.failure.FailureTable;
import org.scalelab.common.Check;

/**
 * The {@code failures:} block of a {@code kind: cluster} file: failure processes, the Llama 3 table
 * ({@code table: llama3}) scaled to the job's GPUs, or explicit causes with job-level MTBFs.
 * {@code mtbf_scale} multiplies every cause's MTBF (default 1; 2 = half as many failures per
 * GPU-hour), the knob a what-if or a sweep turns for hardware more or less reliable than the source's.
 * {@code weibull_shape} is read only with {@code distribution: weibull}; beside another distribution
 * it is refused ({@link org.scalelab.common.InvalidParameterException}).
 */
public record Failures(String table, List<Cause> causes, String distribution, Double weibullShape, Double mtbfScale) {
    public Failures {
        mtbfScale = mtbfScale == null ? 1.0 : mtbfScale;
        Check.positive("mtbf_scale", mtbfScale);
        if (table != null) {
            FailureTable.byName("table", table);
        } else {
            Check.nonEmpty("causes", causes);
        }
        causes = causes == null ? List.of() : List.copyOf(causes);
        distribution = distribution == null ? "exponential" : distribution;
        if (org.scalelab.cluster.failure.FailureDistribution.byName("distribution", distribution)
                != org.scalelab.cluster.failure.FailureDistribution.WEIBULL && weibullShape != null) {
            // an exponential process has no shape: a given one would be ignored without a word
            throw new org.scalelab.common.InvalidParameterException("weibull_shape", "has no effect unless the distribution is"
                    + " weibull (exponential failures have no shape); give distribution: weibull, or drop weibull_shape",
                    Check.format(weibullShape));
        }
        weibullShape = weibullShape == null ? 1.0 : weibullShape;
        Check.positive("weibull_shape", weibullShape);
    }

    /** One entry of {@code causes}: a failure cause with its MTBF for the configured job (hours). */
    public record Cause(String name, Double mtbfHours, Boolean needsReplacement) {
        public Cause {
            Check.present("name", name);
            Check.positive("mtbf_hours", Check.present("mtbf_hours", mtbfHours));
            needsReplacement = needsReplacement == null ? Boolean.TRUE : needsReplacement;
        }
    }
}
