package org.scalelab.scaling.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.scaling.fit.RunData;

class RunCsvTest {
    @Test
    void epochFileReadsWithDerivedTokens() {
        // Besiroglu et al. 2024 data/svg_extracted_data.csv: 245 rows; tokens D = FLOPs/(6N).
        RunData d = RunCsv.Dataset.EPOCH_CHINCHILLA.read();
        assertEquals(245, d.size());
        assertEquals(d.flops()[0] / (6 * d.params()[0]), d.tokens()[0], 1e-6);
        RunData kept = d.excludeTopLoss(5);
        assertEquals(240, kept.size());
        double maxKept = java.util.Arrays.stream(kept.loss()).max().orElseThrow();
        long above = java.util.Arrays.stream(d.loss()).filter(l -> l > maxKept).count();
        assertEquals(5, above);
    }

    @Test
    void explicitColumnsAndQuotedHeaders() throws Exception {
        String csv = "\"N, params\",D,L\n1e9,2e10,2.5\n2e9,4e10,2.3\n";
        RunData d = RunCsv.read(new StringReader(csv), new RunColumns("N, params", "D", null, "L", null, null), "x.csv");
        assertEquals(2, d.size());
        assertEquals(6 * 1e9 * 2e10, d.flops()[0], 1e6);
    }

    @Test
    void missingColumnNamesTheOption() {
        var e = assertThrows(InvalidParameterException.class,
                () -> RunCsv.read(new StringReader("a,b\n1,2\n"), RunColumns.defaults(), "x.csv"));
        assertEquals("params_column", e.field());
        var e2 = assertThrows(InvalidParameterException.class,
                () -> RunCsv.read(new StringReader("params,loss,flops\n1e9,abc,1e20\n"), RunColumns.defaults(), "x.csv"));
        assertEquals("data: x.csv:2 column loss must be a finite number > 0, was abc (row: 1e9,abc,1e20)", e2.getMessage());
        var e3 = assertThrows(InvalidParameterException.class,
                () -> RunCsv.read(new StringReader("params,loss,flops\n-1e9,2,1e20\n"), RunColumns.defaults(), "x.csv"));
        assertEquals("data", e3.field());
        assertTrue(e3.getMessage().startsWith("data: x.csv:2 column params must be"), e3.getMessage());
    }

    @Test
    void errorsNameTheLineEvenAfterBlankLinesAndQuotedLineBreaks() {
        var e = assertThrows(InvalidParameterException.class, () -> RunCsv.read(
                new StringReader("params,tokens,loss\r\n\r\n\"1e9\",2e10,3.1\n\"a\nb\",2e10,3\n1e9,x,3\n"), RunColumns.defaults(), "x.csv"));
        assertEquals("data: x.csv:4 column params must be a finite number > 0, was a b (row: a b,2e10,3)", e.getMessage());
        var e2 = assertThrows(InvalidParameterException.class, () -> RunCsv.read(
                new StringReader("params,tokens,loss\n\n1e9,2e10,3.1\n\n1e9,x,3\n"), RunColumns.defaults(), "x.csv"));
        assertEquals("data: x.csv:5 column tokens must be a finite number > 0, was x (row: 1e9,x,3)", e2.getMessage());
    }

    @Test
    void aFileThatIsNotACsvOfRunsIsNamedButNotEchoed() {
        for (String text : new String[] {"root:x:0:0:root:/root:/bin/bash\nsecret\n", "# comment\nkind: cluster\ndays: 54\n",
            "params,loss\u0000\n1,2\n", ""}) {
            var e = assertThrows(InvalidParameterException.class, () -> RunCsv.read(new StringReader(text), RunColumns.defaults(), "x.csv"));
            assertEquals("data", e.field());
            assertTrue(e.getMessage().startsWith("data: x.csv:1 must be a CSV with a header row"), e.getMessage());
            assertTrue(!e.getMessage().contains("root") && !e.getMessage().contains("kind"), e.getMessage());
        }
    }
}
