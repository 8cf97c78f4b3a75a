package org.scalelab.report.chart;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke-renders each chart type headless; never compares image bytes. */
class ChartFilesTest {
    @TempDir
    Path dir;

    private void assertWritten(String name) throws IOException {
        for (String ext : new String[] {".png", ".svg", ".csv", ".json"}) {
            assertTrue(Files.size(dir.resolve(name + ext)) > 0, name + ext);
        }
        byte[] png = Files.readAllBytes(dir.resolve(name + ".png"));
        assertTrue(png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "PNG signature");
        assertTrue(Files.readString(dir.resolve(name + ".svg")).contains("<svg"), "SVG root");
    }

    @Test
    void rendersALogLogXyChart() throws IOException {
        var chart = ChartTheme.xy("Frontier", "compute (FLOPs)", "parameters");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.addSeries("law", new double[] {1e18, 1e21, 1e24}, new double[] {1e8, 3e9, 1e11});
        new ChartFiles(dir).write("xy", "caption", chart, new DataTable("compute_flops", "params").add(1e18, 1e8));
        assertWritten("xy");
    }

    @Test
    void rendersAStackedCategoryChart() throws IOException {
        var chart = ChartTheme.category("Memory", "ZeRO stage", "per-GPU memory (GB)");
        chart.getStyler().setStacked(true);
        chart.addSeries("parameters", List.of("0", "1", "2", "3"), List.of(15, 15, 15, 0.2));
        chart.addSeries("optimizer", List.of("0", "1", "2", "3"), List.of(90, 1.4, 1.4, 1.4));
        new ChartFiles(dir).write("bars", "caption", chart, new DataTable("stage", "gb").add("0", 105));
        assertWritten("bars");
    }

    @Test
    void rendersAHeatMap() throws IOException {
        var chart = ChartTheme.heatMap("Fits", "GPUs", "parameters (billions)");
        chart.addSeries("fits", List.of(8, 64, 512), List.of(1, 10, 100),
                List.of(new Number[] {0, 0, 1}, new Number[] {1, 0, 1}, new Number[] {2, 1, 0}));
        new ChartFiles(dir).write("heat", "caption", chart, new DataTable("gpus", "params_b", "fits").add(8, 1, 1));
        assertWritten("heat");
    }
}
