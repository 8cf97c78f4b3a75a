package org.scalelab.report.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * The data behind a chart, written beside it as CSV and JSON. Column names carry their unit
 * ({@code params}, {@code compute_flops}, {@code per_gpu_gb}).
 */
public final class DataTable {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    /**
     * A table with these columns, each named by its quantity and unit (never a bare {@code x} or
     * {@code y}: the file must say what its axis is without the chart).
     *
     * @throws IllegalArgumentException for a column named only by its axis
     */
    public DataTable(String... columns) {
        for (String c : columns) {
            if (AXIS_ONLY.contains(c.strip().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("column '" + c + "' names an axis, not its quantity and unit (e.g. gpus)");
            }
        }
        this.columns = List.of(columns);
    }

    private static final java.util.Set<String> AXIS_ONLY = java.util.Set.of("x", "y", "value", "values");

    /** Adds a row; cells are numbers, strings, booleans or null. */
    public DataTable add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns.size() + " columns");
        }
        rows.add(java.util.Arrays.asList(cells.clone()));
        return this;
    }

    public List<String> columns() { return columns; }

    public List<List<Object>> rows() { return rows; }
}
