package org.scalelab.cluster.params;

import org.scalelab.common.Check;
import org.scalelab.common.InvalidParameterException;

/**
 * The {@code published:} block of a {@code kind: cluster} file: published figures for the same run,
 * shown beside ours and held to the same rules as every other key: counts are whole and at most
 * {@value #MAX_PUBLISHED_COUNT}, the unexpected and planned interruptions do not exceed the total,
 * ETTR and MFU are fractions in (0, 1], the step time is positive and at most a day, and a block gives
 * its source (and, checked by the file, at least one figure).
 *
 * @param source        where the figures come from (paper, section, table)
 * @param interruptions all job interruptions in the run
 * @param unexpected    the unexpected (failure) interruptions among them
 * @param planned       the planned (maintenance) interruptions among them
 * @param ettrAtLeast   the effective training time ratio the source reports as a lower bound
 * @param stepSeconds   the measured step time, seconds
 * @param mfu           the reported model FLOPs utilization, a fraction
 */
public record Published(String source, Double interruptions, Double unexpected, Double planned, Double ettrAtLeast,
        Double stepSeconds, Double mfu) {
    /** Largest published interruption count: a million, far beyond any reported run (Llama 3: 466 in 54 days). */
    public static final double MAX_PUBLISHED_COUNT = 1e6;
    /** Longest published step time: a day. */
    public static final double MAX_PUBLISHED_STEP_SECONDS = 86_400;

    public Published {
        if (source == null || source.isBlank()) {
            throw new InvalidParameterException("source", "is required (the paper, section or table the figures come from)",
                    source == null ? "missing" : "empty");
        }
        count("interruptions", interruptions);
        count("unexpected", unexpected);
        count("planned", planned);
        if (interruptions != null && unexpected != null && planned != null && unexpected + planned > interruptions) {
            throw new InvalidParameterException("unexpected", "unexpected + planned must not exceed interruptions ("
                    + Check.format(interruptions) + ")", Check.format(unexpected) + " + " + Check.format(planned));
        }
        for (String key : new String[] {"unexpected", "planned"}) {
            Double part = key.equals("unexpected") ? unexpected : planned;
            if (interruptions != null && part != null && part > interruptions) {
                throw new InvalidParameterException(key, "must not exceed interruptions (" + Check.format(interruptions) + ")",
                        Check.format(part));
            }
        }
        if (ettrAtLeast != null) {
            Check.inHalfOpen("ettr_at_least", ettrAtLeast, 0, 1);
        }
        if (stepSeconds != null) {
            Check.inHalfOpen("step_seconds", stepSeconds, 0, MAX_PUBLISHED_STEP_SECONDS);
        }
        if (mfu != null) {
            Check.inHalfOpen("mfu", mfu, 0, 1);
        }
    }

    /** Whether the block gives no figure at all (only its source). */
    public boolean hasNoFigure() {
        return interruptions == null && unexpected == null && planned == null && ettrAtLeast == null && stepSeconds == null
                && mfu == null;
    }

    private static void count(String key, Double value) {
        if (value != null) {
            Check.inRange(key, value, 0, MAX_PUBLISHED_COUNT);
            Check.integral(key, value);
        }
    }
}
