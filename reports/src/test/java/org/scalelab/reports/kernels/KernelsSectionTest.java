package org.scalelab.reports.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.cli.Sections;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.kernels.params.KernelsParameters;

class KernelsSectionTest {
    @TempDir
    Path out;

    private static Path resource(String name) {
        return Path.of("src/test/resources/kernels", name);
    }

    private static Path example() {
        return Path.of("../examples/kernels-cpu.yaml");
    }

    @Test
    void exampleBindsAndItsRunsWorkAtSmallSizes() throws IOException {
        ParameterFile f = Sections.read(example());
        KernelsParameters p = (KernelsParameters) f.parameters();
        assertFalse(p.runs().isEmpty());
        assertFalse(p.fullRuns().isEmpty());
        // the example's own groups (kernels, devices) at tiny sizes: the full example takes a minute
        List<KernelsParameters.RunGroup> small = p.runs().stream()
                .map(g -> new KernelsParameters.RunGroup(List.of(33), g.kernels(), g.devices(), 1, null)).toList();
        KernelsParameters shrunk = new KernelsParameters(small, null, p.maxSlowN(), p.resultFiles(), p.jmhFiles(), null, null, null, null);
        SectionReport r = new KernelsSection().run(shrunk, new ReportContext(out, example(), 42, false, ProgressBars.silent()));
        assertTrue(Files.exists(out.resolve("gflops-vs-n.png")));
        assertTrue(Files.exists(out.resolve("history.svg")));
        assertTrue(Files.exists(out.resolve("percent-of-native.csv")) || r.notes().stream().anyMatch(n -> n.contains("native")));
        assertTrue(r.headline().stream().anyMatch(h -> h.label().startsWith("Seed") && h.value().equals("42")));
    }

    @Test
    void allChartsWithShippedGpuResultsAndJmh() throws IOException {
        ParameterFile f = Sections.read(resource("small.yaml"));
        SectionReport r = new KernelsSection().run((KernelsParameters) f.parameters(),
                new ReportContext(out, resource("small.yaml"), 3, false, ProgressBars.silent()));
        for (String chart : List.of("gflops-vs-n", "speedup-gpu-over-cpu", "history", "jmh-gflops")) {
            assertTrue(Files.exists(out.resolve(chart + ".png")), chart);
            assertTrue(Files.exists(out.resolve(chart + ".csv")), chart);
        }
        String history = Files.readString(out.resolve("history.csv"));
        assertTrue(history.contains("unsourced claim"));
        // a study without a size has an empty n cell (the page's "-"), not n = 0: before, "2004,...,0,..."
        List<String> unsized = history.lines().filter(l -> l.contains("Graphics Hardware 2004") || l.contains("120 GFLOPS in Matrix-Matrix")).toList();
        assertEquals(2, unsized.size(), history);
        assertTrue(unsized.stream().allMatch(l -> l.matches("\\d{4},(\"([^\"]|\"\")*\"|[^,]*),,.*")), history);
        assertTrue(Files.readString(out.resolve("gflops-vs-n.csv")).contains("TEST DATA"));
        assertTrue(r.tables().stream().anyMatch(t -> t.caption().contains("cuBLAS")));
        // 52.4288 of 104.8576 GFLOP/s = 50.0 % of cuBLAS
        assertTrue(r.tables().stream().flatMap(t -> t.rows().stream()).anyMatch(row -> row.contains("50.0 %")));
        String jmh = Files.readString(out.resolve("jmh-gflops.csv"));
        assertTrue(jmh.contains("vector-api"));
        assertFalse(jmh.contains("ikj"), "a NaN score is skipped");
        // every figure this run measured says where, when and under what load; shipped ones name their file
        String label = "measured on .+ \\(\\d+ cores\\), \\d{4}-\\d\\d-\\d\\d, load (\\d+\\.\\d|unknown)";
        assertTrue(r.headline().stream().filter(h -> h.label().contains("OpenBLAS") || h.label().startsWith("Best"))
                .allMatch(h -> h.origin().matches(label)), r.headline().toString());
        assertTrue(history.lines().filter(l -> l.contains("this machine:")).allMatch(l -> l.matches(".*" + label + ".*")), history);
        assertTrue(jmh.lines().skip(1).allMatch(l -> l.endsWith(".json")), "each JMH row names the export it came from");
        assertTrue(((KernelsSection.Result) r.result()).measuredOn().label().matches(label));
    }

    @Test
    void runKeysTakeKernelsRunsOptions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("k.yaml");
        Files.writeString(file, "kind: kernels\nautotune: true\ntuning_cache: tunings.json\n"
                + "runs:\n  - {sizes: [16], kernels: [ikj], devices: [java], repeats: 1, warmups: 3}\n");
        KernelsParameters p = (KernelsParameters) Sections.read(file).parameters();
        assertEquals(3, p.runs().get(0).warmups());
        assertTrue(p.autotune());
        assertEquals("tunings.json", p.tuningCache());
        SectionReport r = new KernelsSection().run(p, new ReportContext(out, file, 1, false, ProgressBars.silent()));
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Timings are the best of the repeats after 3 untimed warm-ups")),
                r.notes().toString());
        // without the keys: kernels run's defaults
        Files.writeString(file, "kind: kernels\nruns:\n  - {sizes: [16]}\n");
        KernelsParameters d = (KernelsParameters) Sections.read(file).parameters();
        assertEquals(2, d.runs().get(0).warmups());
        assertFalse(d.autotune());
        assertNull(d.tuningCache());
    }

    @Test
    void badParameterFilesNameTheField(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: kernels\nruns:\n  - sizes: [64, -3]\n");
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> Sections.read(bad));
        assertTrue(e.getMessage().contains("sizes[1]"), e.getMessage());
        Files.writeString(bad, "kind: kernels\nruns:\n  - sizes: [64]\n    kernels: [fastest]\n");
        e = assertThrows(InvalidParameterException.class, () -> Sections.read(bad));
        assertTrue(e.getMessage().contains("kernels") && e.getMessage().contains("vector-api"), e.getMessage());
        Files.writeString(bad, "kind: kernels\nruns:\n  - sizes: [64]\n    warmups: 1\n");
        e = assertThrows(InvalidParameterException.class, () -> Sections.read(bad));
        assertTrue(e.getMessage().contains("runs[0].warmups: must be in [2, 1000]"), e.getMessage());
        Files.writeString(bad, "kind: kernels\nruns: []\n");
        e = assertThrows(InvalidParameterException.class, () -> Sections.read(bad));
        assertTrue(e.getMessage().contains("runs"), e.getMessage());
        assertThrows(InvalidParameterException.class,
                () -> new KernelsParameters(List.of(), null, null, List.of("x"), null, 100.0, null, null, null));
    }
}
