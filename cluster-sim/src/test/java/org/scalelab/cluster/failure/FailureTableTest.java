package org.scalelab.cluster.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;

class FailureTableTest {

    @Test
    void llama3JobMtbfIsThreeHoursAtSixteenThousandGpus() {
        // Llama 3 Herd 2024, §3.3.4 / Table 5: 419 unexpected interruptions in 54 days on 16,384 GPUs,
        // 54·24/419 = 3.093 h between interruptions from the printed counts.
        assertEquals(54.0 * 24 / 419, FailureTable.LLAMA3.jobMtbfHours(16_384), 1e-12);
        assertEquals(3.09, FailureTable.LLAMA3.jobMtbfHours(16_384), 0.005);
    }

    @Test
    void mtbfScalesInverselyWithGpus() {
        assertEquals(2 * FailureTable.LLAMA3.jobMtbfHours(16_384), FailureTable.LLAMA3.jobMtbfHours(8_192), 1e-9);
    }

    @Test
    void plannedMaintenanceIsTheLlama3CadencePerGpu() {
        // Llama 3 Herd 2024, §3.3.4 / Table 5: 47 planned interruptions in 54 days on 16,384 GPUs:
        // 54·24/47 = 27.57 h between them at that size (exact from the printed counts).
        assertEquals(54.0 * 24 / 47, Llama3Failures.plannedIntervalHours(16_384), 1e-12);
        assertEquals(27.57, Llama3Failures.plannedIntervalHours(16_384), 0.005);
        // As a rate per GPU: an 8-GPU job sees 8/16,384 of them, one every 56,473 h (6.4 years).
        assertEquals(54.0 * 24 / 47 * 16_384 / 8, Llama3Failures.plannedIntervalHours(8), 1e-9);
        assertEquals(56_473, Llama3Failures.plannedIntervalHours(8), 0.5);
        assertThrows(InvalidParameterException.class, () -> Llama3Failures.plannedIntervalHours(0));
    }

    @Test
    void causesAddUpToTheJobMtbf() {
        double rate = FailureTable.LLAMA3.causes(4096, FailureDistribution.EXPONENTIAL, 1).stream()
                .mapToDouble(c -> 1 / c.mtbfHours()).sum();
        assertEquals(FailureTable.LLAMA3.jobMtbfHours(4096), 1 / rate, 1e-9);
    }

    @Test
    void unknownTableSuggests() {
        var e = assertThrows(InvalidParameterException.class, () -> FailureTable.byName("failures", "llama"));
        assertTrue(e.getMessage().contains("did you mean llama3?"), e.getMessage());
        assertThrows(InvalidParameterException.class, () -> FailureTable.LLAMA3.jobMtbfHours(0));
    }
}
