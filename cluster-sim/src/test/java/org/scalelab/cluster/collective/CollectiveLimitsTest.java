package org.scalelab.cluster.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.scalelab.common.InvalidParameterException;
import org.junit.jupiter.params.provider.ValueSource;

/** Sizes and rank counts at the edges: the simulator ends, and agrees with the closed form. */
class CollectiveLimitsTest {

    /**
     * At 1e16 bytes the clock is near 1e5 s, where one ulp of time times a link's rate is more
     * bytes than an absolute tolerance allows; the end-of-transfer test must be relative.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1e16, 3e16, 1e17, 1e18})
    void hugeBuffersFinishAndMatchTheClosedForm(double bytes) {
        Network net = Network.twoTier(64, 8, 2, 450, 5, 50);
        double simulated = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> CollectiveSimulator.seconds(CollectiveOp.ALL_REDUCE, CollectiveAlgorithm.RING, net, bytes));
        double closed = CollectiveCost.seconds(CollectiveOp.ALL_REDUCE, CollectiveAlgorithm.RING, net, bytes);
        assertEquals(closed, simulated, 1e-9 * closed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-reduce", "all-gather", "reduce-scatter", "broadcast"})
    void oneRankTakesNoTime(String op) {
        Network one = Network.uniform(1, 2, 100);
        CollectiveOp o = CollectiveOp.byName("op", op);
        assertEquals(0.0, CollectiveCost.seconds(o, CollectiveAlgorithm.RING, one, 1e9));
        assertEquals(0.0, CollectiveSimulator.seconds(o, CollectiveAlgorithm.RING, one, 1e9));
    }

    @Test
    void sizesBeyondTheBoundsAreRejectedBeforeAnyWork() {
        Network net = Network.twoTier(64, 8, 2, 450, 5, 50);
        assertEquals("bytes", assertThrows(InvalidParameterException.class,
                () -> Schedules.build(CollectiveOp.ALL_REDUCE, CollectiveAlgorithm.RING, net, 1e19)).field());
        assertEquals("bytes", assertThrows(InvalidParameterException.class,
                () -> Schedules.build(CollectiveOp.ALL_REDUCE, CollectiveAlgorithm.RING, net, Double.NaN)).field());
        Network big = Network.twoTier(4096, 8, 2, 450, 5, 50);
        assertEquals("ranks", assertThrows(InvalidParameterException.class,
                () -> Schedules.build(CollectiveOp.ALL_REDUCE, CollectiveAlgorithm.RING, big, 1e9)).field());
        assertEquals("latency_us", assertThrows(InvalidParameterException.class,
                () -> Network.twoTier(64, 8, 1e308, 450, 5, 50)).field());
        assertEquals("bandwidth_gb_per_s", assertThrows(InvalidParameterException.class,
                () -> Network.twoTier(64, 8, 2, 1e308, 5, 50)).field());
        assertEquals("ranks", assertThrows(InvalidParameterException.class,
                () -> Network.uniform(2_000_000, 2, 100)).field());
    }
}
