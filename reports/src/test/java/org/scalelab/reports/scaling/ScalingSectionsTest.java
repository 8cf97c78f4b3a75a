package org.scalelab.reports.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.reports.cli.Sections;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.io.Json;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.ReportWriter;
import org.scalelab.report.SectionReport;

/** Runs the example parameter files through the sections (charts render headless; bytes are not compared). */
class ScalingSectionsTest {
    @TempDir
    Path dir;

    static final Path EXAMPLES = Path.of("..", "examples");

    private SectionReport run(Path file, String... charts) throws IOException {
        ParameterFile pf = Sections.read(file);
        Path out = dir.resolve(file.getFileName().toString());
        SectionReport report = ReportWriter.write(Sections.forKind(pf.kind()), pf, out, ReportWriter.seedFor(pf, null), false, ProgressBars.silent(), "test");
        for (String c : charts) {
            for (String ext : new String[] {".png", ".svg", ".csv", ".json"}) {
                assertTrue(Files.size(out.resolve(c + ext)) > 0, c + ext);
            }
        }
        assertTrue(Files.size(out.resolve("index.html")) > 0);
        return report;
    }

    @Test
    void budgetsExample() throws IOException {
        SectionReport r = run(EXAMPLES.resolve("scaling-budgets.yaml"), "frontier-params", "frontier-tokens", "loss-contours");
        var result = (ScalingSection.Result) r.result();
        assertEquals(4 * 6, result.allocations().size());
        assertTrue(r.headline().stream().allMatch(h -> h.origin().startsWith("computed")));
        String csv = Files.readString(dir.resolve("scaling-budgets.yaml").resolve("frontier-params.csv"));
        assertTrue(csv.contains("Chinchilla") && csv.contains("published"), "published points marked with their source");
    }

    /** Before: Llama 3's published point took chinchilla's vermillion and GPT-3's llama3's sky blue. */
    @Test
    void publishedModelsNeverShareALawLinesColour() {
        List<String> laws = List.of("epoch", "chinchilla", "chinchilla-tex", "kaplan", "deepseek", "llama3");
        var chart = ScalingCharts.frontier("t", ScalingRows.lawLines(laws, 1e18, 1e27, false), ScalingRows.published(), false,
                new org.scalelab.report.chart.DataTable("series", "compute_flops", "params", "origin"));
        org.scalelab.report.chart.ChartTheme.finish(chart);
        java.util.Set<java.awt.Color> lineColours = new java.util.HashSet<>();
        java.util.Set<String> markers = new java.util.HashSet<>();
        for (var s : chart.getSeriesMap().values()) {
            if (s.getName().endsWith("(published)")) {
                assertEquals(java.awt.Color.BLACK, s.getMarkerColor(), s.getName());
                assertTrue(markers.add(s.getMarker().getClass().getSimpleName()), "each published model its own shape: " + s.getName());
            } else {
                assertTrue(lineColours.add(s.getLineColor()), "each law its own colour: " + s.getName());
            }
        }
        assertEquals(laws.size(), lineColours.size());
        assertFalse(lineColours.contains(java.awt.Color.BLACK), "black is the published models' colour");
        assertTrue(org.scalelab.report.chart.ChartTheme.problems(chart).isEmpty(), org.scalelab.report.chart.ChartTheme.problems(chart).toString());
    }

    @Test
    void epochFitExampleReproducesEpochAndWritesEveryChart() throws IOException {
        SectionReport r = run(EXAMPLES.resolve("scaling-fit-epoch.yaml"), "isoflop", "fit-contours", "residuals", "bootstrap-a", "fit-frontier");
        var json = Json.MAPPER.valueToTree(r.result());
        assertEquals(240, json.at("/data/used").intValue());
        assertEquals(1.817, json.at("/approaches/3/E").doubleValue(), 0.002);
        assertEquals(2, json.at("/approaches/3/ci/a").size());
        assertEquals(20240417L, json.at("/approaches/3/seed").longValue());
    }

    @Test
    void syntheticFitExampleRunsApproaches2And3() throws IOException {
        SectionReport r = run(EXAMPLES.resolve("scaling-fit-synthetic.yaml"), "isoflop", "residuals", "fit-frontier");
        var json = Json.MAPPER.valueToTree(r.result());
        assertEquals(0.4565, json.at("/approaches/2/a").doubleValue(), 0.02);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("Approach 1 skipped")), r.notes().toString());
    }

    /** Eight runs (params, tokens, loss) for a small Approach 3 fit, without the header line. */
    private static final String RUNS = "1e8,2e9,3.2\n2e8,4e9,3.0\n4e8,8e9,2.85\n8e8,1.6e10,2.72\n"
            + "1.6e9,3.2e10,2.6\n3.2e9,6.4e10,2.5\n1e8,8e9,3.0\n4e8,2e9,3.05\n";

    @Test
    void dataPathIsRelativeToTheParameterFile() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("p"));
        Files.writeString(sub.resolve("runs.csv"), "params,tokens,loss\n" + RUNS);
        Path f = sub.resolve("fit.yaml");
        Files.writeString(f, "kind: scaling-fit\ndata: runs.csv\napproach: \"3\"\n");
        SectionReport r = run(f, "residuals");
        assertEquals(8, Json.MAPPER.valueToTree(r.result()).at("/data/rows").intValue());
    }

    @Test
    void columnKeysNameTheCsvColumnsAsTheColumnOptionsDo() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("c"));
        Files.writeString(sub.resolve("runs.csv"), "N,D,L\n" + RUNS);
        Path f = sub.resolve("fit.yaml");
        Files.writeString(f, "kind: scaling-fit\ndata: runs.csv\napproach: \"3\"\nparams_column: N\ntokens_column: D\nloss_column: L\n");
        SectionReport r = run(f, "residuals");
        assertEquals(8, Json.MAPPER.valueToTree(r.result()).at("/data/rows").intValue());
        // a column the file names but the CSV lacks is the key's fault, as it is the option's on the command line
        Files.writeString(f, "kind: scaling-fit\ndata: runs.csv\napproach: \"3\"\nparams_column: params\n");
        ParameterFile pf = Sections.read(f);
        var e = assertThrows(InvalidParameterException.class,
                () -> ReportWriter.write(Sections.forKind(pf.kind()), pf, dir.resolve("o2"), 1, false, ProgressBars.silent(), "t"));
        assertTrue(e.getMessage().contains("params_column: must name a column"), e.getMessage());
    }

    @Test
    void badParameterFilesNameFileLineAndField() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "kind: scaling\nbudgets_flops: [1e21, -5]\n");
        var e = assertThrows(InvalidParameterException.class, () -> Sections.read(bad));
        assertTrue(e.getMessage().contains("budgets_flops[1]: must be in [1000000, 1e40], was -5"), e.getMessage());
        Files.writeString(bad, "kind: scaling\nbudgets_flops: [1e21]\nlaws: [epoch, gpt]\n");
        e = assertThrows(InvalidParameterException.class, () -> Sections.read(bad));
        assertTrue(e.getMessage().contains("laws[1]: must be one of epoch"), e.getMessage());
        Files.writeString(bad, "kind: scaling-fit\ndataset: epoch-chinchilla\nbootstrap: -1\n");
        e = assertThrows(InvalidParameterException.class, () -> Sections.read(bad));
        assertTrue(e.getMessage().contains("bootstrap: must be in [0, 10000]"), e.getMessage());
        Files.writeString(bad, "kind: scaling-fit\ndataset: nope\n");
        e = assertThrows(InvalidParameterException.class, () -> Sections.read(bad));
        assertTrue(e.getMessage().contains("dataset: must be one of epoch-chinchilla"), e.getMessage());
        Files.writeString(bad, "kind: scaling-fit\ndata: missing.csv\n");
        ParameterFile pf = Sections.read(bad);
        assertThrows(RuntimeException.class, () -> ReportWriter.write(Sections.forKind(pf.kind()), pf, dir.resolve("o"), 1, false, ProgressBars.silent(), "t"));
    }
}
