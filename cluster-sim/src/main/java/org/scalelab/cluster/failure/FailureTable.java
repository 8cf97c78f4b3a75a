package org.scalelab.cluster.failure;

import java.util.Arrays;
import java.util.List;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/**
 * Published interruption tables, chosen by name ({@code --failures llama3}, file key
 * {@code failures.table}). A table turns a GPU count into failure causes and a job MTBF, failures
 * scaling with the number of GPUs (each GPU fails independently at the observed rate).
 */
public enum FailureTable implements Keyed {
    /**
     * Llama 3 405B pre-training, 419 unexpected interruptions in 54 days on 16,384 H100 GPUs
     * (Llama 3 Herd 2024, Table 5 and §3.3.4).
     */
    LLAMA3("llama3", "Llama 3 Herd 2024, Table 5 and §3.3.4: 419 unexpected interruptions in 54 days on 16,384 H100 GPUs");

    private final String key;
    private final String source;

    FailureTable(String key, String source) {
        this.key = key;
        this.source = source;
    }

    /** The name on the command line and in parameter files. */
    public String key() {
        return key;
    }

    /** Where the table comes from and what it observed, for printing beside a derived MTBF. */
    public String source() {
        return source;
    }

    /** Every name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(FailureTable::key).toList();
    }

    /** The table called {@code name}; an unknown name fails naming {@code field}, listing the valid ones. */
    public static FailureTable byName(String field, String name) {
        Check.oneOf(field, name, names());
        return Arrays.stream(values()).filter(t -> t.key.equals(name)).findFirst().orElseThrow();
    }

    /** The table's causes scaled to a job of {@code gpus} GPUs. */
    public List<FailureCause> causes(int gpus, FailureDistribution distribution, double weibullShape) {
        Check.atLeastOne("gpus", gpus);
        return Llama3Failures.causes(gpus, distribution, weibullShape);
    }

    /**
     * The job MTBF (hours) over all causes for {@code gpus} GPUs: observed hours / interruptions ×
     * observed GPUs / job GPUs. For Llama 3 at 16,384 GPUs, 54·24/419 = 3.09 h.
     */
    public double jobMtbfHours(int gpus) {
        Check.atLeastOne("gpus", gpus);
        return FailureCause.mtbfHoursFromCount(Llama3Failures.UNEXPECTED, Llama3Failures.DAYS, Llama3Failures.GPUS, gpus);
    }
}
