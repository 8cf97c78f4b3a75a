package org.scalelab.report;

import java.util.List;
import org.scalelab.report.chart.ChartRef;

/**
 * What one parameter file contributes to the HTML report.
 *
 * @param title     heading of the section
 * @param summary   one or two sentences a person reads first (plain text)
 * @param headline  the table of headline numbers; every row says where its number comes from
 * @param charts    the charts written for this file, in display order
 * @param tables    further tables (e.g. published values beside ours)
 * @param sources   citations for every formula and published number shown
 * @param notes     caveats, assumptions and gaps (plain text)
 * @param result    the machine-readable result (serialised as JSON into {@code result.json})
 */
public record SectionReport(
        String title,
        String summary,
        List<Row> headline,
        List<ChartRef> charts,
        List<Table> tables,
        List<String> sources,
        List<String> notes,
        Object result) {

    public SectionReport {
        headline = List.copyOf(headline);
        charts = List.copyOf(charts);
        tables = List.copyOf(tables);
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
    }

    /**
     * A headline number.
     *
     * @param label  what it is, e.g. "Compute-optimal parameters"
     * @param value  formatted value with its unit, e.g. "70.0e9 params"
     * @param origin where it comes from: "computed (Hoffmann et al. 2022, Eq. 4)", "published (Table 3)", "measured on this machine"
     */
    public record Row(String label, String value, String origin) { }

    /** A small table: header and rows of cells (already formatted). */
    public record Table(String caption, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }
}
