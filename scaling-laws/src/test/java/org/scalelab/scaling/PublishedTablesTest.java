package org.scalelab.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The published projection tables, tested as data (Hoffmann et al. 2022, Table 3 and Table A3). */
class PublishedTablesTest {

    @Test
    void table3IsAboutTwentyTokensPerParameter() {
        // Hoffmann et al. 2022, Table 3: D/N stays 20.0 to 22.4 ("~20 tokens per parameter").
        for (var row : PublishedTables.table3()) {
            assertTrue(row.tokensPerParam() >= 19.9 && row.tokensPerParam() <= 22.5, row.toString());
        }
        assertEquals(20.0, PublishedTables.table3().get(0).tokensPerParam(), 0.05);
    }

    @Test
    void table3FlopsAreSixNDWithinPrintedDigits() {
        // Table 3 prints FLOPs with 3 digits; 6ND agrees within 1 % except the 67B row (1.5T tokens, 2 digits: +4.7 %).
        for (var row : PublishedTables.table3()) {
            double rel = Math.abs(6 * row.params() * row.tokens() / row.computeFlops() - 1);
            assertTrue(rel < (row.params() == 67e9 ? 0.05 : 0.01), row + " off by " + rel);
        }
    }

    @Test
    void tableA3Approach3NeedsMoreTokensThanApproach2() {
        // Table A3: Approach 3 projects more tokens per parameter than Approach 2 at every size, growing with size.
        double previous = 0;
        for (var row : PublishedTables.tableA3()) {
            assertTrue(row.approach3Tokens() > row.approach2Tokens(), row.toString());
            double ratio = row.approach3Tokens() / row.params();
            assertTrue(ratio > previous, row.toString());
            previous = ratio;
        }
        // The printed 175B Approach-3 FLOPs (1.26e24) is a typo for 6ND = 1.26e25.
        var r175 = PublishedTables.tableA3().get(4);
        assertEquals(1.26e25, 6 * r175.params() * r175.approach3Tokens(), 0.01e25);
    }

    @Test
    void table3SlopeIsAboutOneHalf() {
        // Table 2 / Table 3: Approach 1 gives a = 0.50; the log-log slope of N against C in Table 3 (computed 0.498).
        var rows = PublishedTables.table3();
        double slope = Math.log(rows.get(8).params() / rows.get(0).params()) / Math.log(rows.get(8).computeFlops() / rows.get(0).computeFlops());
        assertEquals(0.50, slope, 0.005);
    }
}
