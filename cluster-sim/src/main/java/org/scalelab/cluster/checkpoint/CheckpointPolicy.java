package org.scalelab.cluster.checkpoint;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/** How the checkpoint interval is chosen: given, Young's optimum or Daly's. */
public enum CheckpointPolicy implements Keyed {
    /** A fixed interval given by the user. */
    FIXED,
    /** τ = √(2δM) ({@link CheckpointIntervals#youngSeconds}). */
    YOUNG,
    /** Daly's higher-order optimum ({@link CheckpointIntervals#dalySeconds}). */
    DALY;

    /** The name in parameter files and on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** All names. */
    public static List<String> names() {
        return Arrays.stream(values()).map(CheckpointPolicy::key).toList();
    }

    /** The policy called {@code name}; an unknown name fails naming {@code field}. */
    public static CheckpointPolicy byName(String field, String name) {
        Check.oneOf(field, name, names());
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The interval (s) this policy picks for checkpoint time δ and MTBF M (both s). */
    public double intervalSeconds(Double fixedSeconds, double checkpointSeconds, double mtbfSeconds) {
        return switch (this) {
            case FIXED -> Check.positive("interval_seconds", Check.present("interval_seconds", fixedSeconds));
            case YOUNG -> CheckpointIntervals.youngSeconds(Math.max(checkpointSeconds, 1e-9), mtbfSeconds);
            case DALY -> CheckpointIntervals.dalySeconds(Math.max(checkpointSeconds, 1e-9), mtbfSeconds);
        };
    }
}
