package org.scalelab.scaling.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SyntheticDatasetsTest {
    @Test
    void shippedFilesAreWhatTheGeneratorWritesForTheSeed() throws IOException {
        assertEquals(SyntheticRuns.curvesCsv(SyntheticRuns.SEED), text(RunCsv.Dataset.SYNTHETIC_CURVES));
        assertEquals(SyntheticRuns.isoFlopCsv(SyntheticRuns.SEED), text(RunCsv.Dataset.SYNTHETIC_ISOFLOP));
    }

    @Test
    void shapes() {
        assertEquals(16 * 40, RunCsv.Dataset.SYNTHETIC_CURVES.read().size());
        assertEquals(9 * 9, RunCsv.Dataset.SYNTHETIC_ISOFLOP.read().size());
    }

    private static String text(RunCsv.Dataset d) throws IOException {
        try (InputStream in = d.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
