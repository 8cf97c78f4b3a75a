package org.scalelab.sweeps;

import java.util.SplittableRandom;
import org.scalelab.common.Check;

/**
 * The seed of every point of a sweep, derived from the sweep's master seed and the point's index
 * only: point {@code i} gets the first {@code long} in [0, 2^63 - 1) of the {@code i}-th stream split, in order,
 * from a {@link SplittableRandom} (a {@link java.util.random.RandomGenerator.SplittableGenerator})
 * seeded with the master seed. The seeds are computed once on the driver and travel with the
 * points, so a point's numbers do not depend on where, in which partition, or how many times
 * (a retried task) it runs, and a point can be rerun alone with {@code --seed}. Each point then splits one stream per replication from its own seed
 * inside the simulator.
 */
public final class PointSeeds {
    private PointSeeds() {}

    /**
     * Seeds of points 0 .. {@code count}-1.
     *
     * @param masterSeed the sweep's {@code seed:}
     * @param count      number of points, at least 1
     */
    public static long[] of(long masterSeed, int count) {
        Check.atLeastOne("points", count);
        SplittableRandom master = new SplittableRandom(masterSeed);
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) {
            seeds[i] = master.split().nextLong(Long.MAX_VALUE);
        }
        return seeds;
    }
}
