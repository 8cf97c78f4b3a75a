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
}
