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
}
