package org.scalelab.report.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The three views of a result are sealed by golden files (locale pinned by Surefire). */
class OutputTest {
    record PerGpu(long parameters, long total) { }

    record Row(String kernel, int n, double gflops, Double maxRelError) { }

    record Result(String law, double computeFlops, Double loss, PerGpu perGpuBytes, List<Row> results, Map<String, Double> approaches) { }

    private static final Result RESULT = new Result("epoch", 1e21, null, new PerGpu(15_000_000_000L, 120_000_000_000L),
            List.of(new Row("ikj", 1024, 12.5, 1.2e-7), new Row("vector-api", 1024, 95.25, Double.NaN)),
            Map.of("3", 0.347));

    private static String render(OutputOptions.Format format) {
        StringWriter sw = new StringWriter();
        Output.print(new PrintWriter(sw), format, RESULT);
        return sw.toString().replace(System.lineSeparator(), "\n");
    }

    private static String golden(String name) throws IOException {
        try (var in = OutputTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void jsonIsSnakeCaseWithNonFiniteAsNull() throws IOException {
        assertEquals(golden("output.json"), render(OutputOptions.Format.json));
    }

    @Test
    void tableSpeaksHumanUnitsWithNestedTables() throws IOException {
        assertEquals(golden("output.txt"), render(OutputOptions.Format.table));
    }

    @Test
    void csvIsTheScalarsThenEachArrayAsItsOwnTable() throws IOException {
        assertEquals(golden("output.csv"), render(OutputOptions.Format.csv));
    }
}
