package org.scalelab.sweeps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

class GridTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void aLogRangeOfWholeNumbersGivesWholeNumbers() throws Exception {
        Axis a = Axis.parse("cluster.gpus", json("{\"from\": 1024, \"to\": 16384, \"steps\": 5, \"scale\": \"log\"}"));
        assertEquals("[1024, 2048, 4096, 8192, 16384]", a.values().toString());
        Axis b = Axis.parse("x", json("{\"from\": 0.5, \"to\": 2, \"steps\": 4}"));
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0), b.values().stream().map(JsonNode::asDouble).toList());
    }

    @Test
    void wholeNumbersBeyondLongRangeStayExactDoubles() throws Exception {
        // FLOP budgets are whole numbers far above 2^63; they must not be clamped to Long.MAX_VALUE
        Axis a = Axis.parse("budgets_flops", json("{\"from\": 1e21, \"to\": 1e24, \"steps\": 4, \"scale\": \"log\"}"));
        assertEquals(List.of(1e21, 1e22, 1e23, 1e24), a.values().stream().map(JsonNode::asDouble).toList());
    }

    @Test
    void aBadRangeNamesItsKey() throws Exception {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Axis.parse("x", json("{\"from\": 0, \"to\": 2, \"steps\": 3, \"scale\": \"log\"}")));
        assertEquals("axes.x.from", e.field());
        e = assertThrows(InvalidParameterException.class, () -> Axis.parse("x", json("{\"from\": 1, \"to\": 2, \"step\": 3}")));
        assertEquals("axes.x.step", e.field());
        e = assertThrows(InvalidParameterException.class, () -> Axis.parse("x", json("[1, [2]]")));
        assertEquals("axes.x[1]", e.field());
    }

    @Test
    void pointsAreRowMajorAndZippedAxesMoveTogether() throws Exception {
        Grid g = new Grid(List.of(Axis.parse("a", json("[1, 2]")), Axis.parse("b", json("[10, 20, 30]")),
                Axis.parse("c", json("[\"x\", \"y\", \"z\"]"))), List.of(List.of("b", "c")));
        assertEquals(6, g.size());
        assertArrayEquals(new int[] {0, 0, 0}, g.valueIndices(0));
        assertArrayEquals(new int[] {0, 2, 2}, g.valueIndices(2));
        assertArrayEquals(new int[] {1, 1, 1}, g.valueIndices(4));
        ObjectNode body = g.apply((ObjectNode) json("{\"a\": 0, \"n\": {\"k\": 1}}"), 5);
        assertEquals("{\"a\":2,\"n\":{\"k\":1},\"b\":30,\"c\":\"z\"}", body.toString());
    }

    @Test
    void zipNeedsEqualLengths() throws Exception {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new Grid(
                List.of(Axis.parse("a", json("[1, 2]")), Axis.parse("b", json("[1, 2, 3]"))), List.of(List.of("a", "b"))));
        assertEquals("zip[0]", e.field());
    }

    @Test
    void seedsDependOnlyOnTheMasterSeedAndTheIndex() {
        long[] ten = PointSeeds.of(5, 10);
        long[] three = PointSeeds.of(5, 3);
        assertArrayEquals(java.util.Arrays.copyOf(ten, 3), three);
        assertEquals(10, java.util.Arrays.stream(ten).distinct().count());
        java.util.Arrays.stream(ten).forEach(s -> assertEquals(true, s >= 0));
    }

    @Test
    void aFailingPointNamesTheAxisValue() throws Exception {
        Grid g = new Grid(List.of(Axis.parse("n.mtbf_hours", json("[4, -1, 8]")), Axis.parse("k", json("[1, 2]"))), List.of());
        SweepKind positive = new SweepKind() {
            @Override public String kind() { return "test"; }
            @Override public double check(ObjectNode body) {
                if (!(body.get("n").get("mtbf_hours").asDouble() > 0)) {
                    throw new InvalidParameterException("n.mtbf_hours", "must be > 0", body.get("n").get("mtbf_hours"));
                }
                if (body.has("k") && body.get("k").asInt() > 2) {
                    throw new InvalidParameterException("k", "unknown key (allowed: n)", "k");
                }
                return 0;
            }
            @Override public int defaultReplications(ObjectNode base) { return 1; }
            @Override public List<String> metrics() { return List.of("m"); }
            @Override public List<String> defaultMetrics() { return List.of("m"); }
            @Override public PointModel model(int r, List<String> m) { return null; }
        };
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepPlan.of(positive, (ObjectNode) json("{\"n\": {}}"), g, List.of(), 1, 1));
        assertEquals("axes.n.mtbf_hours[1]: must be > 0, was -1", e.getMessage());
        e = assertThrows(InvalidParameterException.class,
                () -> SweepPlan.of(positive, (ObjectNode) json("{\"n\": {}}"), g, List.of("nope"), 1, 1));
        assertEquals("metrics[0]", e.field());
    }

    @Test
    void aRuleBetweenKeysIsBlamedOnTheAxisValueThatBreaksIt() throws Exception {
        // the kind's rule is on "tp" (not an axis): tp must divide gpus; only gpus varies with tp
        Grid g = new Grid(List.of(Axis.parse("gpus", json("[8, 16, 12]")), Axis.parse("k", json("[1, 2]"))), List.of());
        SweepKind divides = new SweepKind() {
            @Override public String kind() { return "test"; }
            @Override public double check(ObjectNode body) {
                if (body.get("gpus").asInt() % body.get("tp").asInt() != 0) {
                    throw new InvalidParameterException("tp", "must divide gpus", body.get("tp"));
                }
                return 0;
            }
            @Override public int defaultReplications(ObjectNode base) { return 1; }
            @Override public List<String> metrics() { return List.of("m"); }
            @Override public List<String> defaultMetrics() { return List.of("m"); }
            @Override public PointModel model(int r, List<String> m) { return null; }
        };
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepPlan.of(divides, (ObjectNode) json("{\"tp\": 8}"), g, List.of(), 1, 1));
        assertEquals("axes.gpus[2]: is rejected by kind test: tp must divide gpus (tp is 8), was 12", e.getMessage());
    }

    /** A kind whose every point costs {@code events} simulated events per replication. */
    private static SweepKind costing(double events) {
        return new SweepKind() {
            @Override public String kind() { return "test"; }
            @Override public double check(ObjectNode body) { return events; }
            @Override public int defaultReplications(ObjectNode base) { return 1; }
            @Override public List<String> metrics() { return List.of("m", "n"); }
            @Override public List<String> defaultMetrics() { return List.of("m"); }
            @Override public PointModel model(int r, List<String> m) { return null; }
        };
    }

    @Test
    void aSweepPastItsBoundsIsRejectedBeforeAnyPointRuns() throws Exception {
        ObjectNode base = (ObjectNode) json("{}");
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> new Grid(List.of(
                Axis.parse("a", json("{\"from\": 1, \"to\": 1000, \"steps\": 1000}")),
                Axis.parse("b", json("{\"from\": 1, \"to\": 101, \"steps\": 101}"))), List.of()));
        assertEquals("axes", e.field());
        e = assertThrows(InvalidParameterException.class, () -> Axis.parse("a", json("{\"from\": 1, \"to\": 2, \"steps\": 100001}")));
        assertEquals("axes.a.steps: must be an integer from 1 to 100000, was 100001", e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> Axis.parse("a..b", json("[1]")));
        assertEquals("axes", e.field());
        Grid ten = new Grid(List.of(Axis.parse("a", json("{\"from\": 1, \"to\": 10, \"steps\": 10}"))), List.of());
        e = assertThrows(InvalidParameterException.class, () -> SweepPlan.of(costing(0), base, ten, List.of("m", "n", "m"), 1, 1));
        assertEquals("metrics[2]: is already metrics[0], was m", e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> SweepPlan.of(costing(0), base, ten, List.of(), 1_000_001, 1));
        assertEquals("replications", e.field());
        // ten points of 1e6 events each: 1000 replications are 1e10 events, the most one request may cost
        assertEquals(10, SweepPlan.of(costing(1e6), base, ten, List.of(), 1000, 1).points().size());
        e = assertThrows(InvalidParameterException.class, () -> SweepPlan.of(costing(1e6), base, ten, List.of(), 1001, 1));
        assertEquals("replications", e.field());
        assertTrue(e.rule().startsWith("must be fewer for this sweep: one replication of its first 10 points (of 10)"), e.getMessage());
    }
}
