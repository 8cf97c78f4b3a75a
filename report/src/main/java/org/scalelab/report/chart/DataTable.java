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

    public DataTable(String... columns) {
        this.columns = List.of(columns);
    }

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
