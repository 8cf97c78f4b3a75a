package org.scalelab.report;

import static org.scalelab.report.HtmlReport.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalelab.report.SectionReport.Row;

/**
 * The page that links the pages of a run ({@code run} over several files, {@code demo}): a table
 * of contents, then one group per domain (scaling, memory, cluster, kernels, plan, sweeps) in the
 * order the pages came, each page titled by its file's {@code name:} with its report title, its
 * headline numbers and its summary.
 */
public final class HtmlIndex {
    /** Headline numbers shown per page; the page has them all. */
    static final int HEADLINES = 3;

    private HtmlIndex() {}

    /**
     * One page of the index.
     *
     * @param href     the page, relative to the index
     * @param name     the file's {@code name:} (or its stem)
     * @param title    the page's title
     * @param kind     the file's {@code kind:}, "?" when it could not be read
     * @param summary  the page's summary
     * @param headline the page's headline numbers
     * @param error    why the file failed, or null
     */
    public record Entry(String href, String name, String title, String kind, String summary, List<Row> headline, String error) {
        public Entry {
            headline = headline == null ? List.of() : List.copyOf(headline);
        }

        /** A page that was written. */
        public static Entry of(String href, String name, String kind, SectionReport r) {
            return new Entry(href, name, r.title(), kind, r.summary(), r.headline(), null);
        }

        /** A file that failed. */
        public static Entry failed(String href, String name, String error) {
            return new Entry(href, name, name, "?", "", List.of(), error);
        }
    }

    /** The domain a kind belongs to: the part before its first '-', sweeps for {@code sweep}. */
    public static String domain(String kind) {
        String d = kind.split("-", 2)[0];
        return switch (d) {
            case "sweep" -> "sweeps";
            case "?" -> "failed";
            default -> d;
        };
    }

    private static String heading(String domain) {
        return switch (domain) {
            case "scaling" -> "Scaling laws";
            case "memory" -> "GPU memory";
            case "cluster" -> "Cluster simulation";
            case "kernels" -> "Matrix-multiply kernels";
            case "plan" -> "Training plans";
            case "sweeps" -> "Sweeps";
            case "failed" -> "Files that failed";
            default -> domain;
        };
    }

    /** The index page. */
    public static String index(String title, String intro, List<Entry> entries, String version) {
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        entries.forEach(e -> groups.computeIfAbsent(e.error() == null ? domain(e.kind()) : "failed", k -> new ArrayList<>()).add(e));
        StringBuilder b = new StringBuilder();
        HtmlReport.head(b, title);
        b.append("<h1>").append(esc(title)).append("</h1>\n<p class=\"meta\">ScaleLab ").append(esc(version)).append("</p>\n");
        if (!intro.isBlank()) {
            b.append("<p class=\"summary\">").append(esc(intro)).append("</p>\n");
        }
        b.append("<nav class=\"toc\"><b>Contents</b><ul>");
        groups.forEach((d, list) -> b.append("<li><a href=\"#").append(esc(d)).append("\">").append(esc(heading(d))).append("</a> (")
                .append(list.size()).append(list.size() == 1 ? " page" : " pages").append(")</li>"));
        b.append("</ul></nav>\n");
        groups.forEach((d, list) -> {
            b.append("<h2 id=\"").append(esc(d)).append("\">").append(esc(heading(d))).append("</h2>\n");
            b.append("<table><tr><th>Page</th><th>Headline numbers</th><th>Summary</th></tr>\n");
            list.forEach(e -> row(b, e));
            b.append("</table>\n");
        });
        return b.append("</body></html>\n").toString();
    }

    private static void row(StringBuilder b, Entry e) {
        b.append("<tr><td>");
        if (e.error() == null) {
            b.append("<a href=\"").append(esc(e.href())).append("\"><b>").append(esc(e.name())).append("</b></a><br><span class=\"origin\">")
                    .append(esc(e.title())).append("</span>");
        } else {
            b.append("<b>").append(esc(e.name())).append("</b>");
        }
        b.append("</td><td>");
        for (Row h : e.headline().subList(0, Math.min(HEADLINES, e.headline().size()))) {
            b.append(esc(h.label())).append(": <b>").append(esc(h.value())).append("</b><br>");
        }
        b.append("</td><td>");
        b.append(e.error() == null ? esc(e.summary()) : "<span class=\"failed\">failed: " + esc(e.error()) + "</span>");
        b.append("</td></tr>\n");
    }
}
