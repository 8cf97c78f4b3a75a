package org.scalelab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CheckTest {
    @Test
    void positiveRejectsNegativeZeroNanAndInfinity() {
        for (double bad : new double[] {-5, 0, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(InvalidParameterException.class, () -> Check.positive("x", bad));
        }
        assertEquals(2.5, Check.positive("x", 2.5));
    }

    @Test
    void messageNamesFieldRuleAndValue() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Check.positive("inter_node_gbit_per_s", -5));
        assertEquals("inter_node_gbit_per_s: must be > 0, was -5", e.getMessage());
        assertEquals("cluster.network.inter_node_gbit_per_s: must be > 0, was -5",
                e.under("cluster.network").getMessage());
    }

    /** An infinite value is > 0; the rule it breaks is finiteness, and the message says so. */
    @Test
    void anInfiniteValueIsToldItMustBeFinite() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Check.positive("deadline_days", Double.POSITIVE_INFINITY));
        assertEquals("deadline_days: must be a finite number > 0, was Infinity", e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> Check.nonNegative("usd_per_gpu_hour", Double.POSITIVE_INFINITY));
        assertEquals("usd_per_gpu_hour: must be a finite number >= 0, was Infinity", e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> Check.positive("x", Double.NEGATIVE_INFINITY));
        assertEquals("x: must be > 0, was -Infinity", e.getMessage());
    }

    @Test
    void integralAcceptsExponentNotationAndRejectsFractions() {
        assertEquals(7_500_000_000L, Check.integral("params", 7.5e9));
        assertThrows(InvalidParameterException.class, () -> Check.integral("gpus", 2.5));
    }

    @Test
    void oneOfListsTheAllowedNames() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Check.oneOf("law", "gpt", List.of("epoch", "kaplan")));
        assertEquals("law: must be one of epoch, kaplan, was gpt", e.getMessage());
    }

    @Test
    void dividesNamesBothFields() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> Check.divides("tp", 3, "gpus_per_node", 8));
        assertEquals("tp: must divide gpus_per_node (8), was 3", e.getMessage());
    }

    @Test
    void boundsAndValuesPrintPlainOrAsUsersTypeExponentsNeverInJavasENotation() {
        assertEquals("100000", Check.format(1e5));
        assertEquals("0.25", Check.format(0.25));
        assertEquals("1000000", Check.format(1e6));
        assertEquals("6738415616", Check.format(6738415616.0)); // an exact count keeps its digits
        assertEquals("1e18", Check.format(1e18));
        assertEquals("1e40", Check.format(1e40));
        assertEquals("2.5e20", Check.format(2.5e20));
        assertEquals("1000000000", Check.format(1e9)); // a whole number below 1e15 in plain digits
        assertEquals("12345.5", Check.format(12345.5));
        assertEquals("1.23456785e7", Check.format(12345678.5));
        assertEquals("5e-6", Check.format(5e-6));
        assertEquals("1.08e-295", Check.format(1.08e-295));
        assertEquals("-3e20", Check.format(-3e20));
        assertEquals("0", Check.format(-0.0));
        assertEquals("NaN", Check.format(Double.NaN));
        assertEquals("1e15", Check.format(1_000_000_000_000_000L));
        assertEquals("1048576", Check.format(1L << 20));
        InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
                () -> Check.inHalfOpen("bytes", 1e30, 0, 1e18));
        assertEquals("bytes: must be in (0, 1e18], was 1e30", e.getMessage());
        assertEquals("params: must be in [1, 1e15], was 0", org.junit.jupiter.api.Assertions.assertThrows(
                InvalidParameterException.class, () -> Check.inRange("params", 0L, 1L, 1_000_000_000_000_000L)).getMessage());
        // a number handed to the exception as is prints the same way
        assertEquals("x: must be small, was 1e30", new InvalidParameterException("x", "must be small", 1e30).getMessage());
    }
}
