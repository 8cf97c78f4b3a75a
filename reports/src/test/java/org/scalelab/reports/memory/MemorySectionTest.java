package org.scalelab.reports.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.reports.cli.Sections;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.memory.params.MemoryParameters;

/** Runs every {@code examples/memory-*.yaml} through {@link MemorySection}, parsed as {@code scalelab run} parses them. */
class MemorySectionTest {
    @TempDir
    static Path files;

    static Stream<Path> examples() throws Exception {
        return Files.list(Path.of("..", "examples")).filter(p -> p.getFileName().toString().startsWith("memory-")).sorted();
    }

    static MemoryParameters bind(Path file) {
        return (MemoryParameters) Sections.read(file).parameters();
    }

    /** Parses the body of a {@code kind: memory} file written to a temporary file. */
    static MemoryParameters bind(String body) throws IOException {
        Path file = Files.createTempFile(files, "memory", ".yaml");
        Files.writeString(file, "kind: memory\n" + body);
        return bind(file);
    }

    /** The key path a rejected body names (the message reads {@code file:line path: rule, was value}). */
    static String rejectedField(String body) {
        String message = assertThrows(InvalidParameterException.class, () -> bind(body)).getMessage();
        return message.replaceFirst("^\\S+:\\d+ ", "").replaceFirst(":.*$", "");
    }

    private static ReportContext context(Path out, Path file) {
        return new ReportContext(out, file, org.scalelab.common.Seeds.DEFAULT, false, ProgressBars.silent());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleRendersItsCharts(Path example, @TempDir Path out) throws Exception {
        MemoryParameters p = bind(example);
        SectionReport report = new MemorySection().run(p, context(out, example));
        assertFalse(report.headline().isEmpty());
        assertTrue(report.charts().size() >= 3);
        for (var chart : report.charts()) {
            for (String ext : new String[] {".png", ".svg", ".csv", ".json"}) {
                assertTrue(Files.size(out.resolve(chart.name() + ext)) > 0, chart.name() + ext);
            }
        }
        assertTrue(report.result() instanceof MemoryResult);
    }

    @Test
    void zeroFigure1ExampleReproducesThePaper(@TempDir Path out) throws Exception {
        Path file = Path.of("..", "examples", "memory-zero-7.5b.yaml");
        SectionReport report = new MemorySection().run(bind(file), context(out, file));
        MemoryResult r = (MemoryResult) report.result();
        // ZeRO Figure 1: P_os+g+p on N_d = 64 -> 1.875e9 bytes (printed 1.9 GB)
        assertEquals(1_875_000_000L, r.perGpuBytes().total());
        // its deepspeed: block, 8 nodes x 8 GPUs: ZeRO-3 without offload keeps int(18 P / 64) bytes per GPU (stage3.py)
        assertEquals(2_109_375_000L, r.deepspeed().zero3().rows().get(4).gpuBytes());
        assertEquals(64, r.deepspeed().zero2().gpusPerNode() * r.deepspeed().zero2().nodes());
        String csv = Files.readString(out.resolve("memory-by-stage.csv"));
        assertTrue(csv.contains("120.0"), csv);
        assertTrue(csv.contains("31.40625"), csv);
    }

    @Test
    void seventyBExampleUsesActivationsAndSharding(@TempDir Path out) throws Exception {
        Path file = Path.of("..", "examples", "memory-70b-h100-tp-pp.yaml");
        SectionReport report = new MemorySection().run(bind(file), context(out, file));
        MemoryResult r = (MemoryResult) report.result();
        assertTrue(r.perGpuBytes().activations() > 0);
        assertEquals(2_000_000_000L, r.perGpuBytes().reserve());
        assertEquals(256, r.gpus());
        assertTrue(r.fits());
        assertEquals(5, report.charts().size()); // by stage, vs N_d, fits heat map, activations vs s, activations by op
    }

    @Test
    void badFileValuesNameTheirKey() {
        assertEquals("dp", rejectedField("params: 1e9\ndp: 0\n"));
        assertEquals("preset", rejectedField("params: 1e9\npreset: nope\n"));
        assertEquals("heads", rejectedField("layers: 2\nhidden: 100\nheads: 3\n"));
        assertEquals("tp", rejectedField("model: llama2-7b\ntp: 3\n"));
        assertEquals("params", rejectedField("params: -1\n"));
    }

    @Test
    void customBytesPerParamPreset() throws Exception {
        MemoryParameters p = bind("params: 1e9\nbytes_per_param: {name: mine, parameter_bytes: 2, gradient_bytes: 4, optimizer_bytes: 8}\n");
        assertEquals(14.0, p.setup().bytesPerParam().totalBytes());
    }

    @Test
    void aMaxModelPageIsTitledByItsAnswer(@TempDir Path out) throws Exception {
        // ZeRO paper Table 2: stage 3 (P_os+g+p), N_d = 64, 32 GB V100s: 128B published (model states only)
        MemoryParameters p = bind("max_model: true\nzero: 3\ndp: 64\ngpu_memory_gb: 32\n");
        SectionReport r = new MemorySection().run(p, context(out, files.resolve("max.yaml")));
        assertTrue(r.title().matches("Largest model that fits: 1[23]\\d B parameters on custom 32 GB \\(ZeRO stage 3, N_d = 64.*"),
                r.title());
        assertEquals("Largest model that fits", r.headline().get(0).label());
        assertTrue(r.summary().startsWith("The largest model that fits is "), r.summary());
        assertEquals("params", rejectedField("max_model: true\nparams: 1e9\n"));
    }
}
