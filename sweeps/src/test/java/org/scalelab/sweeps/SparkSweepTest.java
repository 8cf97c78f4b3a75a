package org.scalelab.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.scalelab.cluster.sim.JobModel;

class SparkSweepTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A 3 x 4 grid over MTBF and checkpoint time of Daly's abstract job, 20 replications per point. */
    private static Grid grid() throws Exception {
        return new Grid(List.of(
                Axis.parse("mtbf_hours", JSON.readTree("[2, 4, 8]")),
                Axis.parse("checkpoint_seconds", JSON.readTree("{\"from\": 60, \"to\": 480, \"steps\": 4, \"scale\": \"log\"}"))),
                List.of());
    }

    private static List<SweepPoint> points(Grid grid, long seed) throws Exception {
        ObjectNode base = (ObjectNode) JSON.readTree("{\"hours\": 200, \"interval_seconds\": 1800, \"restart_seconds\": 300}");
        long[] seeds = PointSeeds.of(seed, grid.size());
        List<SweepPoint> out = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            out.add(new SweepPoint(i, seeds[i], JSON.writeValueAsString(grid.apply(base, i))));
        }
        return out;
    }

    @Test
    void aThreeByFourGridEqualsItsTwelvePointsRunOneByOneThroughTheSimulator() throws Exception {
        Grid grid = grid();
        assertEquals(12, grid.size());
        List<SweepPoint> points = points(grid, 42);
        AtomicLong finished = new AtomicLong();
        List<SparkSweep.Result> results = SparkSweep.run(TestSpark.local2(), points, new AbstractJobModel(20), 5,
                (done, total) -> finished.set(done));
        assertEquals(12, results.size());
        double[] mtbf = {2, 4, 8};
        double[] ckpt = {60, 120, 240, 480};
        long[] seeds = PointSeeds.of(42, 12);
        for (int i = 0; i < 12; i++) {
            JobModel job = JobModel.abstractJob(200 * 3600.0, 1800, mtbf[i / 4] * 3600, ckpt[i % 4], 300);
            assertEquals(i, results.get(i).index());
            assertArrayEquals(AbstractJobModel.evaluate(job, 20, seeds[i]), results.get(i).values(), 0.0, "point " + i);
        }
        assertEquals(5, finished.get(), "progress counts the finished tasks");
        // the grid is not degenerate: ETTR falls with checkpoint cost and rises with MTBF
        assertNotEquals(results.get(0).values()[0], results.get(3).values()[0]);
        assertNotEquals(results.get(0).values()[0], results.get(8).values()[0]);
    }

    @Test
    void partitioningDoesNotChangeAnyNumber() throws Exception {
        List<SweepPoint> points = points(grid(), 7);
        List<SparkSweep.Result> one = SparkSweep.run(TestSpark.local2(), points, new AbstractJobModel(10), 1, (d, t) -> { });
        List<SparkSweep.Result> many = SparkSweep.run(TestSpark.local2(), points, new AbstractJobModel(10), 12, (d, t) -> { });
        for (int i = 0; i < points.size(); i++) {
            assertArrayEquals(one.get(i).values(), many.get(i).values(), 0.0);
        }
    }
}
