package org.scalelab.reports.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import org.junit.jupiter.api.Test;
import org.scalelab.reports.testing.CliRun;

/** {@code checkpoint-interval} applies the simulator's bound: a checkpoint or restart of at most 30 job MTBFs. */
class CheckpointIntervalBoundsTest {
    private static final String RULE = ": must be <= 30 job MTBFs (108000 s): ";

    @Test
    void aCheckpointFarLongerThanTheMtbfIsRejected() {
        // was: young 31.06 days, expected ETTR 0 %, exit 0
        CliRun r = run("cluster", "checkpoint-interval", "--mtbf-hours", "1", "--checkpoint-seconds", "1e9");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("scalelab: --checkpoint-seconds" + RULE + "a checkpoint"), r.err());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void aRestartFarLongerThanTheMtbfIsRejected() {
        CliRun r = run("cluster", "checkpoint-interval", "--mtbf-hours", "1", "--checkpoint-seconds", "60",
                "--restart-seconds", "200000");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("scalelab: --restart-seconds" + RULE + "a restart"), r.err());
    }

    @Test
    void theBoundItselfIsAccepted() {
        CliRun r = run("cluster", "checkpoint-interval", "--mtbf-hours", "1", "--checkpoint-seconds", "108000", "--format", "json");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void theSimulatorStatesTheSameRule() {
        CliRun r = run("cluster", "simulate", "--mtbf-hours", "1", "--checkpoint-seconds", "200000", "--days", "30");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("checkpoint-seconds" + RULE + "a checkpoint"), r.err());
    }

    @Test
    void theMtbfRulesNameTheOptionsTyped() {
        CliRun both = run("cluster", "checkpoint-interval", "--mtbf-hours", "3", "--failures", "llama3", "--gpus", "16384",
                "--checkpoint-seconds", "60");
        assertEquals(2, both.exit(), both.err());
        assertEquals("scalelab: --mtbf-hours: give --mtbf-hours, or --gpus with --failures, not both, was 3", both.err().strip());
        CliRun none = run("cluster", "checkpoint-interval", "--checkpoint-seconds", "60");
        assertEquals(2, none.exit(), none.err());
        assertTrue(none.err().strip().startsWith("scalelab: --mtbf-hours: required (or --gpus with --failures,"), none.err());
        CliRun half = run("cluster", "checkpoint-interval", "--gpus", "16384", "--checkpoint-seconds", "60");
        assertEquals(2, half.exit(), half.err());
        assertTrue(half.err().strip().startsWith("scalelab: --failures: is required with --gpus (the failure table"), half.err());
        CliRun other = run("cluster", "checkpoint-interval", "--failures", "llama3", "--checkpoint-seconds", "60");
        assertTrue(other.err().strip().startsWith("scalelab: --gpus: is required with --failures"), other.err());
        CliRun simulate = run("cluster", "simulate", "--mtbf-hours", "3", "--gpus", "16384", "--failures", "llama3",
                "--checkpoint-seconds", "60", "--days", "1");
        assertEquals(2, simulate.exit(), simulate.err());
        assertEquals("scalelab: --mtbf-hours: give --mtbf-hours, or --gpus with --failures, not both, was 3",
                simulate.err().strip());
    }
}
