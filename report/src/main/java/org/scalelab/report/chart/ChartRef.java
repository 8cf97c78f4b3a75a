package org.scalelab.report.chart;

import java.util.List;

/**
 * A chart written by {@link ChartFiles}: {@code name.png}, {@code name.svg}, {@code name.csv},
 * {@code name.json} beside each other in the section folder, with the rows the chart draws (the
 * same rows as the CSV) for the value table under it in the HTML report.
 *
 * @param name    the file stem
 * @param caption what the chart shows, with its units
 * @param columns the CSV header
 * @param rows    the CSV rows (numbers, strings, booleans or null)
 */
public record ChartRef(String name, String caption, List<String> columns, List<List<Object>> rows) {
    public ChartRef {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
