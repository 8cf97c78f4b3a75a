package org.scalelab.cluster.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.ProgressListener;

/** Large and odd inputs to the Monte-Carlo driver: bounded work, constant memory, intervals in bounds. */
class MonteCarloLimitsTest {
    private static final double DAY = 86400;

    /** The Llama 3 what-if of examples/cluster-checkpoint-sweep.yaml: MTBF 3.09 h, 5-minute checkpoints. */
    private static JobModel whatIf(double days, double checkpointSeconds) {
        return JobModel.abstractJob(days * DAY, 3600, 3.09 * 3600, checkpointSeconds, 600);
    }

    @Test
    void streamingSummaryEqualsTheSummaryOfTheKeptReplicationsForAnyThreadCount() {
        JobModel job = whatIf(10, 300);
        Summary kept = Summary.of(job, MonteCarlo.run(job, 300, 11, 2, ProgressListener.NONE));
        assertEquals(kept, MonteCarlo.summarize(job, 300, 11, 1, ProgressListener.NONE));
        assertEquals(kept, MonteCarlo.summarize(job, 300, 11, 3, ProgressListener.NONE));
    }

    @Test
    void replicationsBeyondTheBoundAreRejectedBeforeAnyWork() {
        JobModel job = whatIf(54, 300);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> MonteCarlo.summarize(job, Integer.MAX_VALUE, 1, 2, ProgressListener.NONE));
        assertEquals("replications", e.field());
        // 10^6 replications of a 54-day job fit the count bound but not the work bound.
        JobModel longJob = JobModel.abstractJob(3000 * DAY, 60, 0.1 * 3600, 1, 1);
        e = assertThrows(InvalidParameterException.class,
                () -> MonteCarlo.summarize(longJob, 1_000_000, 1, 2, ProgressListener.NONE));
        assertEquals("replications", e.field());
        assertTrue(e.getMessage().contains("events"), e.getMessage());
    }

    @Test
    void horizonsAndRecoveriesThatMakeTheJobMeaninglessAreRejected() {
        assertEquals("days", assertThrows(InvalidParameterException.class, () -> whatIf(1e18, 300)).field());
        assertEquals("days", assertThrows(InvalidParameterException.class, () -> whatIf(Double.NaN, 300)).field());
        assertEquals("checkpoint_seconds", assertThrows(InvalidParameterException.class,
                () -> whatIf(54, 2147483647.0)).field());
        // A restart of a year against a 3-hour MTBF never finishes.
        assertEquals("restart_seconds", assertThrows(InvalidParameterException.class,
                () -> JobModel.abstractJob(54 * DAY, 3600, 3.09 * 3600, 300, 365 * DAY)).field());
        // A failure every 3.6 ms for 54 days: over a billion failures per replication.
        assertEquals("days", assertThrows(InvalidParameterException.class,
                () -> JobModel.abstractJob(54 * DAY, 3600, 1e-6 * 3600, 0.001, 0)).field());
    }

    @Test
    void intervalsOfNonNegativeQuantitiesStayInsideTheirBoundsAndSaySoWhenCut() {
        // Failures are rare (MTBF 200 h over one day): with ten replications the counts are
        // mostly 0, a skewed sample whose normal interval reaches below zero.
        JobModel job = JobModel.abstractJob(DAY, 3600, 200 * 3600, 300, 600);
        List<Summary> cutOnes = new ArrayList<>();
        for (long seed = 1; seed <= 30; seed++) {
            Summary s = MonteCarlo.summarize(job, 10, seed, 1, ProgressListener.NONE);
            assertInBounds(s);
            if (s.unexpected().mean() > 0 && s.unexpected().mean() < 0.25) {
                cutOnes.add(s);
            }
        }
        assertTrue(!cutOnes.isEmpty(), "no seed gave a rare failure");
        for (Summary s : cutOnes) {
            assertEquals(0.0, s.unexpected().lo());
            assertTrue(s.notes().stream().anyMatch(n -> n.startsWith("interruptions.unexpected:")), s.notes().toString());
        }
    }

    private static void assertInBounds(Summary s) {
        assertTrue(s.ettr().lo() >= 0 && s.ettr().hi() <= 1, s.ettr().toString());
        List<Estimate> all = new ArrayList<>(List.of(s.wallSeconds(), s.productiveSeconds(), s.total(), s.unexpected(), s.planned()));
        all.addAll(s.secondsByCategory().values());
        all.addAll(s.byCause().values());
        for (Estimate e : all) {
            assertTrue(e.lo() >= 0 && e.lo() <= e.mean() && e.mean() <= e.hi(), e.toString());
        }
    }
}
