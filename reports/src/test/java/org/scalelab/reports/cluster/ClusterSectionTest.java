package org.scalelab.reports.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalelab.reports.cli.Sections;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.cluster.params.ClusterParameters;

class ClusterSectionTest {
    static ReportContext context(Path out, Path file) {
        return new ReportContext(out, file, 42, false, ProgressBars.silent());
    }

    @org.junit.jupiter.api.Test
    void everyTrackerInTheSourcesCarriesItsTitle() {
        // a tracker is cited as owner/repo#N "title", as everywhere else users read it
        java.util.regex.Pattern tracker = java.util.regex.Pattern.compile("[\\w.-]+/[\\w.-]+#\\d+");
        for (String source : ClusterSection.SOURCES) {
            java.util.regex.Matcher m = tracker.matcher(source);
            while (m.find()) {
                assertTrue(source.startsWith(" \"", m.end()), "no title after " + m.group() + ": " + source);
            }
        }
        assertTrue(ClusterSection.SOURCES.stream().anyMatch(s -> s.contains("deepspeedai/DeepSpeed#2252 \"Why Stage2 need"
                + " communicate gradients every steps, even if grad_accumulation_steps > 1?\"")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cluster-llama3-405b-16k.yaml", "cluster-megascale-175b-12k.yaml", "cluster-checkpoint-sweep.yaml"})
    void everyExampleRunsAndWritesItsCharts(String name, @TempDir Path out) throws IOException {
        Path file = Path.of("../examples", name);
        ClusterParameters p = (ClusterParameters) Sections.read(file).parameters();
        // Smoke size: a handful of replications (the shipped sizes are for the demo).
        ClusterParameters small = new ClusterParameters(p.days(), 8, 8, p.whatIf(), p.model(), p.training(), p.cluster(),
                p.failures(), p.checkpoint(), p.recovery(), p.intervalFactors(), p.clusterSizes(), p.published(), null);
        SectionReport report = new ClusterSection().run(small, context(out, file));
        assertFalse(report.charts().isEmpty());
        for (ChartRef c : report.charts()) {
            for (String ext : new String[] {".png", ".svg", ".csv", ".json"}) {
                assertTrue(Files.size(out.resolve(c.name() + ext)) > 0, c.name() + ext);
            }
        }
        assertTrue(report.notes().stream().anyMatch(n -> n.contains("Seed 42")));
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.count() >= 4 * report.charts().size());
        }
        if (p.whatIf() == null) {
            assertEquals(7, report.charts().size(), report.charts().toString());
            // The step is drawn op by op, coloured by category (one colour each, a legend that fits:
            // ChartFiles checks the theme), and its data file keeps every op with its category.
            ChartRef step = report.charts().stream().filter(c -> c.name().equals("cluster-step-breakdown")).findFirst()
                    .orElseThrow();
            assertEquals(java.util.List.of("op", "category", "seconds", "flops", "bytes"), step.columns());
            long categories = step.rows().stream().map(r -> r.get(1)).distinct().count();
            assertTrue(step.rows().size() > 10 && categories <= 6, step.rows().size() + " ops in " + categories + " categories");
            assertEquals(step.rows().size() + 1, Files.readAllLines(out.resolve("cluster-step-breakdown.csv")).size());
        }
        if (name.contains("llama3")) {
            // The interruption counts were used to calibrate the rates, so they stand apart as a calibration
            // check; only what was not used to calibrate (the ETTR) is shown as validation.
            SectionReport.Table calibration = report.tables().stream()
                    .filter(t -> t.caption().startsWith("Calibration check, not validation")).findFirst().orElseThrow();
            String counts = calibration.rows().toString();
            assertTrue(counts.contains("466") && counts.contains("419"), counts);
            SectionReport.Table validation = report.tables().stream()
                    .filter(t -> t.caption().startsWith("Validation")).findFirst().orElseThrow();
            String cells = validation.rows().toString();
            assertTrue(cells.contains("> 0.900") && !cells.contains("419"), cells);
            assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("Gap to the published")), report.notes().toString());
            assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("The largest loss is")), report.notes().toString());
        }
    }
}
