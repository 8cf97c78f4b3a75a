package org.scalelab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.params.ParameterFile;

/**
 * Renders the HTML page of one parameter file with inline CSS: a link back to the index, a table
 * of contents, the parameter file echoed, the seed and version, headline numbers with their
 * origin, each chart (PNG shown, with a hover title, links to its SVG, CSV and JSON, and its
 * values in a table that opens under it), further tables, notes and sources. Charts are linked
 * relatively, not embedded, so the page travels with its folder. {@link HtmlIndex} writes the
 * page that links the pages of a run.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /** Most rows a chart's value table shows; the CSV beside it has them all. */
    static final int TABLE_ROWS = 300;

    static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1000px;padding:24px;color:#1d1d1f;line-height:1.45}
            h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #e5e5e5;padding-bottom:.2em}
            .meta{color:#666;font-size:.9em}.summary{font-size:1.1em}.back{font-size:.9em}
            nav.toc{background:#f6f8fa;padding:8px 16px;margin:1em 0;font-size:.92em}nav.toc ul{margin:.2em 0;padding-left:1.2em}
            table{border-collapse:collapse;margin:.6em 0 1.2em}th,td{border-bottom:1px solid #eee;padding:4px 10px;text-align:left;vertical-align:top}
            th{background:#f6f6f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
            figure{margin:1.2em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{color:#444;font-size:.92em}
            details{margin:.3em 0 1em;font-size:.85em}details table{margin:.4em 0}summary{cursor:pointer;color:#0072B2}
            .links a{margin-right:.8em;font-size:.85em}pre{background:#f6f8fa;padding:12px;overflow:auto;font-size:.85em}
            .notes li,.sources li{margin:.2em 0}.origin{color:#666;font-size:.9em}.failed{color:#b00020}
            """;

    /** The page of one parameter file, without a link back to an index. */
    public static String section(ParameterFile file, SectionReport r, long seed, String version) {
        return section(file, r, seed, version, null);
    }

    /**
     * The page of one parameter file.
     *
     * @param indexHref the index this page belongs to, relative to the page ({@code ../index.html}), or null
     */
    public static String section(ParameterFile file, SectionReport r, long seed, String version, String indexHref) {
        return section(file, r, seed, version, indexHref, false);
    }

    /**
     * The page of one parameter file, or of a command's options run as one ({@code fromOptions}: the
     * byline then says so instead of naming the temporary file they were written to).
     */
    public static String section(ParameterFile file, SectionReport r, long seed, String version, String indexHref,
            boolean fromOptions) {
        StringBuilder b = new StringBuilder();
        head(b, r.title());
        if (indexHref != null) {
            b.append("<p class=\"back\"><a href=\"").append(esc(indexHref)).append("\">&larr; All reports</a></p>\n");
        }
        b.append("<h1>").append(esc(r.title())).append("</h1>\n");
        b.append("<p class=\"meta\">").append(esc(file.kind())).append(" · ");
        if (fromOptions) {
            b.append("command-line options (the same as the parameter file below)");
        } else {
            b.append(esc(file.name())).append(" · file <code>").append(esc(file.path().getFileName().toString())).append("</code>");
        }
        b.append(" · seed <b>").append(seed).append("</b> · ScaleLab ").append(esc(version)).append("</p>\n");
        if (!r.summary().isBlank()) {
            b.append("<p class=\"summary\">").append(esc(r.summary())).append("</p>\n");
        }
        toc(b, r);
        if (!r.headline().isEmpty()) {
            b.append("<h2 id=\"headline\">Headline numbers</h2>\n<table><tr><th>Quantity</th><th>Value</th><th>Source</th></tr>\n");
            for (Row row : r.headline()) {
                b.append("<tr><td>").append(esc(row.label())).append("</td><td class=\"num\">").append(esc(row.value()))
                        .append("</td><td class=\"origin\">").append(esc(row.origin())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!r.charts().isEmpty()) {
            b.append("<h2 id=\"charts\">Charts</h2>\n");
            r.charts().forEach(c -> figure(b, c));
        }
        for (int i = 0; i < r.tables().size(); i++) {
            table(b, "table-" + (i + 1), r.tables().get(i));
        }
        list(b, "Notes and assumptions", "notes", r.notes());
        list(b, "Sources", "sources", r.sources());
        b.append("<h2 id=\"parameters\">Parameter file</h2>\n<pre>").append(esc(file.text())).append("</pre>\n");
        b.append("<p class=\"meta\">Machine-readable result: <a href=\"result.json\">result.json</a>.</p>\n");
        return b.append("</body></html>\n").toString();
    }

    /** The table of contents: every heading of the page, each chart by its caption's first clause. */
    private static void toc(StringBuilder b, SectionReport r) {
        List<String[]> items = new ArrayList<>();
        if (!r.headline().isEmpty()) {
            items.add(new String[] {"headline", "Headline numbers"});
        }
        StringBuilder charts = new StringBuilder();
        for (ChartRef c : r.charts()) {
            charts.append("<li><a href=\"#").append(esc(c.name())).append("\">").append(esc(shortCaption(c.caption()))).append("</a></li>");
        }
        for (int i = 0; i < r.tables().size(); i++) {
            items.add(new String[] {"table-" + (i + 1), r.tables().get(i).caption()});
        }
        if (!r.notes().isEmpty()) {
            items.add(new String[] {"notes", "Notes and assumptions"});
        }
        if (!r.sources().isEmpty()) {
            items.add(new String[] {"sources", "Sources"});
        }
        items.add(new String[] {"parameters", "Parameter file"});
        b.append("<nav class=\"toc\"><b>Contents</b><ul>");
        int at = r.headline().isEmpty() ? 0 : 1;
        for (int i = 0; i < items.size(); i++) {
            if (i == at && !r.charts().isEmpty()) {
                b.append("<li><a href=\"#charts\">Charts</a><ul>").append(charts).append("</ul></li>");
            }
            b.append("<li><a href=\"#").append(items.get(i)[0]).append("\">").append(esc(items.get(i)[1])).append("</a></li>");
        }
        b.append("</ul></nav>\n");
    }

    /**
     * A caption's first clause, up to the first {@code .;:} outside parentheses, without a trailing
     * parenthetical ("(log axes)"); a parenthesis inside it stays ("over (N, D) and its frontier").
     */
    static String shortCaption(String caption) {
        int depth = 0;
        int end = caption.length();
        for (int i = 0; i < caption.length() && end == caption.length(); i++) {
            char c = caption.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0 && ".;:".indexOf(c) >= 0 && (i + 1 == caption.length() || Character.isWhitespace(caption.charAt(i + 1)))) {
                end = i;
            }
        }
        String s = caption.substring(0, end).strip().replaceFirst("\\s\\([^()]*\\)$", "");
        return s.length() > 90 ? s.substring(0, 89).strip() + "\u2026" : s;
    }

    /** A chart: the image with a hover title, its files, and its values in a table that opens. */
    private static void figure(StringBuilder b, ChartRef c) {
        String n = esc(c.name());
        b.append("<figure id=\"").append(n).append("\"><img src=\"").append(n).append(".png\" alt=\"").append(esc(c.caption()))
                .append("\" title=\"").append(esc(c.caption())).append(" (exact values: the table under the chart, or ")
                .append(n).append(".csv)\"><figcaption>").append(esc(c.caption())).append("<span class=\"links\"> ")
                .append("<a href=\"").append(n).append(".csv\">data (CSV)</a><a href=\"").append(n).append(".json\">JSON</a><a href=\"")
                .append(n).append(".svg\">SVG</a></span></figcaption>\n");
        int shown = Math.min(TABLE_ROWS, c.rows().size());
        b.append("<details><summary>Values (").append(shown == c.rows().size() ? c.rows().size() + " rows" : "first " + shown + " of "
                + c.rows().size() + " rows").append("; all in <a href=\"").append(n).append(".csv\">").append(n).append(".csv</a>)</summary>");
        b.append("<table class=\"values\"><tr>");
        c.columns().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<Object> row : c.rows().subList(0, shown)) {
            b.append("<tr>");
            row.forEach(v -> b.append(v instanceof Number ? "<td class=\"num\">" : "<td>").append(esc(cell(v))).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("</table></details></figure>\n");
    }

    /** A cell as a reader wants it: integers whole, other numbers to 6 significant digits. */
    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                return Double.toString(d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            String s = String.format(Locale.ROOT, "%.6g", d);
            return s.contains("e") ? s.replaceAll("\\.?0+e", "e") : s.replaceAll("\\.?0+$", "");
        }
        return v.toString();
    }

    static void head(StringBuilder b, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>\n");
    }

    private static void table(StringBuilder b, String id, Table t) {
        b.append("<h2 id=\"").append(id).append("\">").append(esc(t.caption())).append("</h2>\n<table><tr>");
        t.header().forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr>\n");
        for (List<String> row : t.rows()) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(esc(c)).append("</td>"));
            b.append("</tr>\n");
        }
        b.append("</table>\n");
    }

    private static void list(StringBuilder b, String title, String cls, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        b.append("<h2 id=\"").append(cls).append("\">").append(title).append("</h2>\n<ul class=\"").append(cls).append("\">");
        items.forEach(i -> b.append("<li>").append(esc(i)).append("</li>"));
        b.append("</ul>\n");
    }

    /** HTML-escapes text. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
