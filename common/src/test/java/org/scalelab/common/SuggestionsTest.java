package org.scalelab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsTheNearestNames() {
        assertEquals(List.of("optimal"), Suggestions.closest("optimall", List.of("optimal", "loss", "fit")));
        assertEquals(List.of("--params"), Suggestions.closest("--parms", List.of("--params", "--tokens", "--law")));
        assertEquals(List.of("zero"), Suggestions.closest("zeroo", List.of("zero", "model", "gpu")));
        assertEquals(List.of("h100-sxm", "h100-pcie"), Suggestions.closest("h100", List.of("a100-80gb", "h100-sxm", "h100-pcie")));
    }

    @Test
    void aBareUnitIsTriedAsTheNamesSpellIt() {
        List<String> step = List.of("--inter-node-gbit-per-s", "--nvlink-gb-per-s", "--peak-tflop-per-s", "--gpus");
        assertEquals(List.of("--inter-node-gbit-per-s"), Suggestions.closest("--inter-node-gbps", step));
        assertEquals(List.of("--nvlink-gb-per-s"), Suggestions.closest("--nvlink-gbps", step));
        assertEquals(List.of("--peak-tflop-per-s"), Suggestions.closest("--peak-tflops", step));
        // file keys spell the same units with underscores
        assertEquals(List.of("inter_node_gbit_per_s"), Suggestions.closest("inter_node_gbps", List.of("inter_node_gbit_per_s", "pod_gpus")));
        assertNull(Suggestions.didYouMean("--disk-gbps", step));
    }

    @Test
    void saysNothingWhenNothingIsClose() {
        assertNull(Suggestions.didYouMean("banana", List.of("zero", "model")));
        assertEquals("did you mean h100-sxm or h100-pcie?", Suggestions.didYouMean("h100", List.of("h100-sxm", "h100-pcie")));
    }

    @Test
    void oneOfCarriesTheSuggestion() {
        var e = assertThrows(InvalidParameterException.class, () -> Check.oneOf("gpu", "h100", List.of("a100-80gb", "h100-sxm")));
        assertEquals("gpu: must be one of a100-80gb, h100-sxm, was h100; did you mean h100-sxm?", e.getMessage());
        assertTrue(e.under("cluster").getMessage().endsWith("did you mean h100-sxm?"));
    }

    @Test
    void distanceCountsEdits() {
        assertEquals(1, Suggestions.distance("zeroo", "zero"));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}
