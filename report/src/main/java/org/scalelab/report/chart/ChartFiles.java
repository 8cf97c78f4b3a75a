package org.scalelab.report.chart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.scalelab.report.io.AtomicFiles;
import org.scalelab.report.io.Json;
import org.scalelab.report.io.Csv;

/**
 * Writes a chart as {@code name.png} and {@code name.svg} with the data behind it as
 * {@code name.csv} and {@code name.json}, all atomically, into one folder.
 */
public final class ChartFiles {
    private final Path dir;

    public ChartFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Applies {@link ChartTheme#finish} to the chart, writes the four files and returns the
     * reference the HTML report embeds; the caption gains a sentence for each pair of series drawn
     * over each other. With assertions on (tests), a chart that breaks the theme fails here.
     */
    public ChartRef write(String name, String caption, Chart<?, ?> chart, DataTable data) throws IOException {
        List<String> overlaps = ChartTheme.finish(chart);
        assert ChartTheme.problems(chart).isEmpty() : name + ": " + ChartTheme.problems(chart);
        String full = overlaps.isEmpty() ? caption : caption + (caption.endsWith(".") ? " " : ". ") + String.join("; ", overlaps) + ".";
        AtomicFiles.write(dir.resolve(name + ".png"), out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(dir.resolve(name + ".svg"),
                out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        AtomicFiles.writeString(dir.resolve(name + ".csv"), Csv.write(data.columns(), data.rows()));
        AtomicFiles.writeString(dir.resolve(name + ".json"), Json.write(rowsAsObjects(data)) + "\n");
        return new ChartRef(name, full, data.columns(), data.rows());
    }

    private static List<Map<String, Object>> rowsAsObjects(DataTable data) {
        return data.rows().stream().map(row -> {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < data.columns().size(); i++) {
                m.put(data.columns().get(i), row.get(i));
            }
            return m;
        }).toList();
    }
}
