package org.scalelab.report;

import java.util.List;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;
import org.scalelab.report.params.ParameterFile;

/**
 * Renders an HTML page with inline CSS; charts are linked relatively, not embedded, so the page travels with its folder (PNG shown, SVG, CSV
 * and JSON beside it), the parameter file echoed, the seed and version, headline numbers with
 * their origin, and the sources.
 */
public final class HtmlReport {
    private HtmlReport() {}

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0 auto;max-width:1000px;padding:24px;color:#1d1d1f;line-height:1.45}
            h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #e5e5e5;padding-bottom:.2em}
            .meta{color:#666;font-size:.9em}.summary{font-size:1.1em}
            table{border-collapse:collapse;margin:.6em 0 1.2em}th,td{border-bottom:1px solid #eee;padding:4px 10px;text-align:left;vertical-align:top}
            th{background:#f6f6f6}td.num{text-align:right;font-variant-numeric:tabular-nums}
            figure{margin:1.2em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{color:#444;font-size:.92em}
            .links a{margin-right:.8em;font-size:.85em}pre{background:#f6f8fa;padding:12px;overflow:auto;font-size:.85em}
            .notes li,.sources li{margin:.2em 0}.origin{color:#666;font-size:.9em}.failed{color:#b00020}
            """;

    /** The page of one parameter file. */
    public static String section(ParameterFile file, SectionReport r, long seed, String version) {
        StringBuilder b = new StringBuilder();
        head(b, r.title());
        b.append("<h1>").append(esc(r.title())).append("</h1>\n");
        b.append("<p class=\"meta\">").append(esc(file.kind())).append(" · ").append(esc(file.name()))
                .append(" · file <code>").append(esc(file.path().getFileName().toString())).append("</code>")
                .append(" · seed <b>").append(seed).append("</b> · ScaleLab ").append(esc(version)).append("</p>\n");
        if (!r.summary().isBlank()) {
            b.append("<p class=\"summary\">").append(esc(r.summary())).append("</p>\n");
        }
        if (!r.headline().isEmpty()) {
            b.append("<h2>Headline numbers</h2>\n<table><tr><th>Quantity</th><th>Value</th><th>Source</th></tr>\n");
            for (Row row : r.headline()) {
                b.append("<tr><td>").append(esc(row.label())).append("</td><td class=\"num\">").append(esc(row.value()))
                        .append("</td><td class=\"origin\">").append(esc(row.origin())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!r.charts().isEmpty()) {
            b.append("<h2>Charts</h2>\n");
            for (ChartRef c : r.charts()) {
                String n = esc(c.name());
                b.append("<figure id=\"").append(n).append("\"><img src=\"").append(n).append(".png\" alt=\"").append(esc(c.caption()))
                        .append("\"><figcaption>").append(esc(c.caption())).append("<span class=\"links\"> ")
                        .append("<a href=\"").append(n).append(".svg\">SVG</a><a href=\"").append(n).append(".csv\">CSV</a><a href=\"")
                        .append(n).append(".json\">JSON</a></span></figcaption></figure>\n");
            }
        }
        for (Table t : r.tables()) {
            table(b, t);
        }
        list(b, "Notes and assumptions", "notes", r.notes());
        list(b, "Sources", "sources", r.sources());
        b.append("<h2>Parameter file</h2>\n<pre>").append(esc(file.text())).append("</pre>\n");
        b.append("<p class=\"meta\">Machine-readable result: <a href=\"result.json\">result.json</a>.</p>\n");
        return b.append("</body></html>\n").toString();
    }

    /** One entry of a top-level index. */
    public record Entry(String href, String title, String kind, String summary, String error) { }

    /** The top-level page that links each section (used by {@code demo} and multi-file runs). */
    public static String index(String title, String intro, List<Entry> entries, String version) {
        StringBuilder b = new StringBuilder();
        head(b, title);
        b.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">ScaleLab ").append(esc(version)).append("</p>\n");
        if (!intro.isBlank()) {
            b.append("<p class=\"summary\">").append(esc(intro)).append("</p>\n");
        }
        b.append("<table><tr><th>Section</th><th>Kind</th><th>Summary</th></tr>\n");
        for (Entry e : entries) {
            b.append("<tr><td>");
            if (e.error() == null) {
                b.append("<a href=\"").append(esc(e.href())).append("\">").append(esc(e.title())).append("</a>");
            } else {
                b.append(esc(e.title()));
            }
            b.append("</td><td>").append(esc(e.kind())).append("</td><td>");
            b.append(e.error() == null ? esc(e.summary()) : "<span class=\"failed\">failed: " + esc(e.error()) + "</span>");
            b.append("</td></tr>\n");
        }
        return b.append("</table>\n</body></html>\n").toString();
    }

    private static void head(StringBuilder b, String title) {
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>\n");
    }

    private static void table(StringBuilder b, Table t) {
        b.append("<h2>").append(esc(t.caption())).append("</h2>\n<table><tr>");
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
        b.append("<h2>").append(title).append("</h2>\n<ul class=\"").append(cls).append("\">");
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
