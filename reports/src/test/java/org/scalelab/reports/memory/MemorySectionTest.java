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

    private static double perLayer(MemoryParameters p) {
        return MemoryResult.ActivationDetail.of(p.setup()).perLayerBytes();
    }

    @Test
    void dropoutIsTheKeyAsInClusterFilesAndNoDropoutItsOlderSpelling() throws Exception {
        String shape = "model: gpt3-175b\nseq: 2048\n";
        // GPT-3's block without dropout: 32sbh + 2as²b bytes (Korthikanti Section 4.1 without masks and dropout output)
        double without = 32.0 * 2048 * 12288 + 2.0 * 96 * 2048 * 2048;
        double dropoutFalse = perLayer(bind(shape + "dropout: false\n"));
        assertEquals(without, dropoutFalse, 1.0);
        assertEquals(dropoutFalse, perLayer(bind(shape + "no_dropout: true\n")));
        // on by default, as Korthikanti's 34sbh + 5as²b
        double with = 34.0 * 2048 * 12288 + 5.0 * 96 * 2048 * 2048;
        assertEquals(with, perLayer(bind(shape)), 1.0);
        assertEquals(with, perLayer(bind(shape + "dropout: true\n")), 1.0);
        assertEquals("no_dropout", rejectedField(shape + "dropout: false\nno_dropout: true\n"));
    }

    @Test
    void thePageShowsTheHostMemoryOffloadNeeds(@TempDir Path out) throws Exception {
        // Llama 2 70B, ZeRO-3 with parameter offload, one rank: 8 GPUs x 1.104 TB offloaded do not fit a 100 GB host
        Path file = out.resolve("offload.yaml");
        Files.writeString(file, "kind: memory\nmodel: llama2-70b\nzero: 3\noffload: optimizer-and-params\ncpu_memory_gb: 100\nseq: 1\n");
        SectionReport report = new MemorySection().run(bind(file), context(out, file));
        MemoryResult r = (MemoryResult) report.result();
        assertFalse(r.fits());
        assertEquals(8 * r.cpuBytes(), r.cpuPerNodeBytes());
        assertTrue(report.headline().stream().anyMatch(h -> h.label().equals("Host memory per node") && h.value().startsWith("100")),
                report.headline().toString());
        assertTrue(report.headline().stream().anyMatch(h -> h.label().startsWith("Offloaded to CPU per node")
                && h.value().contains("does not fit")), report.headline().toString());
        assertTrue(report.summary().contains("host memory"), report.summary());
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

    @Test
    void aRecipePageLeadsWithTheStepPeakAndNamesTheFile(@TempDir Path out) throws Exception {
        Path file = Path.of("..", "examples", "memory-torch-amp-gpt2.yaml");
        SectionReport r = new MemorySection().run(bind(file), new ReportContext(out, file, org.scalelab.common.Seeds.DEFAULT, false,
                ProgressBars.silent(), "GPT-2 small, PyTorch AMP (bf16 autocast) on one H100"));
        MemoryResult m = (MemoryResult) r.result();
        // the user review ran this file: peak 10.88 GB at backward, steady-state lines 7.98 GB (per_gpu_bytes.total)
        assertEquals(10.88e9, m.peakAllocatedBytes(), 0.005e9);
        assertEquals("backward", m.peakPhase());
        assertEquals(7.98e9, m.perGpuBytes().total(), 0.005e9);
        String peak = MemorySection.fmtGb(m.peakAllocatedBytes());
        assertEquals("Peak allocated per GPU (at backward)", r.headline().get(0).label());
        assertEquals(peak, r.headline().get(0).value());
        assertTrue(r.summary().contains(": peak " + String.format(java.util.Locale.ROOT, "%.2f", m.peakAllocatedBytes() / 1e9)
                + " GB per GPU at backward"), r.summary());
        assertTrue(r.summary().contains("the steady-state lines sum to 7.98 GB"), r.summary());
        assertTrue(r.headline().stream().anyMatch(h -> h.label().equals("Total per GPU (sum of steady-state lines)")
                && h.origin().contains("not the step peak")), r.headline().toString());
        // the file's name, not the shape label "custom"
        assertEquals("GPU memory: GPT-2 small, PyTorch AMP (bf16 autocast) on one H100 (0.162B params)", r.title());
        assertFalse(r.summary().contains("custom"), r.summary());
        assertTrue(r.sources().stream().anyMatch(x -> x.startsWith("PyTorch documentation, Automatic Mixed Precision package - torch.amp")),
                r.sources().toString());
        assertTrue(r.headline().stream().noneMatch(h -> h.value().contains("1 GPUs") || h.label().contains("Zero-3")),
                r.headline().toString());
        assertTrue(r.summary().contains("1 GPU)"), r.summary());
        var byStage = r.charts().stream().filter(c -> c.name().equals("memory-by-stage")).findFirst().orElseThrow();
        assertTrue(byStage.caption().contains("Drawn at N_d = 8, the largest of dp_sweep"), byStage.caption());
        assertTrue(byStage.caption().contains("not the step peak: recipe torch-amp-bf16 peaks at " + peak), byStage.caption());
        java.util.List<String> csv = Files.readAllLines(out.resolve("memory-by-stage.csv"));
        assertFalse(csv.get(1).split(",")[8].equals(csv.get(4).split(",")[8]), "stage 0 and 3 differ at N_d = 8: " + csv);
        var seq = r.charts().stream().filter(c -> c.name().equals("activations-vs-seq")).findFirst().orElseThrow();
        assertTrue(seq.caption().contains("This file's configuration is the \"no recompute + flash attention\" series."), seq.caption());
    }

    @Test
    void withoutARecipeTheTotalLeadsAndAFileWithoutAShapeKeepsItsSize(@TempDir Path out) throws Exception {
        Path file = Path.of("..", "examples", "memory-zero-7.5b.yaml");
        SectionReport r = new MemorySection().run(bind(file), new ReportContext(out, file, org.scalelab.common.Seeds.DEFAULT, false,
                ProgressBars.silent(), "ZeRO 7.5B"));
        assertEquals("Parameters per GPU", r.headline().get(0).label());
        assertTrue(r.title().startsWith("GPU memory: ZeRO 7.5B (7.5"), r.title());
    }
}
