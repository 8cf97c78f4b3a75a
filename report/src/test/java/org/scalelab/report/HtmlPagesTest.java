package org.scalelab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.params.Kinds;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.params.ParameterFiles;

/** A page under an index reads on its own: back link, contents, each chart's values; the index groups by domain. */
class HtmlPagesTest {
    @TempDir
    Path dir;

    @Test
    void aPageLinksBackHasContentsAndShowsEachChartsValues() throws IOException {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "kind: test\nname: my-test\ncluster:\n  gpus: 8\n  network:\n    inter_node_gbit_per_s: 400\nsizes: [3, 5, 7]\n");
        ParameterFile file = ParameterFiles.read(f, Kinds.of(Map.of("test", TestSection.Params.class)));
        ReportWriter.write(new TestSection(), file, dir.resolve("out/t"), 1, false, ProgressBars.silent(), "test", "../index.html");
        String html = Files.readString(dir.resolve("out/t/index.html"));
        assertTrue(html.contains("<a href=\"../index.html\">"), "back link");
        assertTrue(html.contains("<nav class=\"toc\">"));
        Matcher m = Pattern.compile("href=\"#([^\"]+)\"").matcher(html);
        int anchors = 0;
        while (m.find()) {
            assertTrue(html.contains("id=\"" + m.group(1) + "\""), "contents link without target: " + m.group(1));
            anchors++;
        }
        assertTrue(anchors >= 4, "headline, charts, the chart, sources, parameters: " + anchors);
        assertTrue(html.matches("(?s).*<img src=\"sizes.png\" alt=\"[^\"]+\" title=\"The sizes \\(exact values.*"), "hover title");
        assertTrue(html.contains("<a href=\"sizes.csv\">data (CSV)</a>"));
        String values = html.substring(html.indexOf("<details>"), html.indexOf("</details>"));
        assertEquals(3 + 1, values.split("<tr>", -1).length - 1, "a header and one row per CSV row");
        assertTrue(values.contains("<td class=\"num\">7</td>"));
        assertEquals(4, Files.readAllLines(dir.resolve("out/t/sizes.csv")).size());
    }

    /** Before: "Iso-loss lines of epoch over" (cut at the parenthesis) in the scaling page's contents. */
    @Test
    void contentsKeepAParenthesisInsideACaptionsFirstClause() {
        assertEquals("Iso-loss lines of epoch over (N, D) and its compute-efficient frontier",
                HtmlReport.shortCaption("Iso-loss lines of epoch over (N, D) and its compute-efficient frontier (dashed); Besiroglu et al."));
        assertEquals("GFLOP/s against n for every kernel and device", HtmlReport.shortCaption(
                "GFLOP/s against n for every kernel and device (log axes): the best of 3 repeats."));
        assertEquals("Compute-optimal parameters N_opt(C) per law", HtmlReport.shortCaption(
                "Compute-optimal parameters N_opt(C) per law; diamonds are published models (Hoffmann et al. 2022)."));
        assertEquals("Bootstrap distribution of a", HtmlReport.shortCaption("Bootstrap distribution of a (replicates: 100; seed 1)."));
    }

    /** Before: a command's page said "plan · plan · file plan.yaml", a file the user never gave. */
    @Test
    void aPageOfCommandLineOptionsSaysSoInsteadOfNamingATemporaryFile() throws IOException {
        ReportWriter.writeOptions(new TestSection(), "kind: test\nname: test\ncluster:\n  gpus: 8\n  network:\n    inter_node_gbit_per_s: 400\nsizes: [3]\n", dir.resolve("o"), ProgressBars.silent(), "t");
        String html = Files.readString(dir.resolve("o/index.html"));
        assertTrue(html.contains("<p class=\"meta\">test · command-line options (the same as the parameter file below) · seed"), html);
        assertFalse(html.contains("file <code>"), html);
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, "kind: test\nname: mine\ncluster:\n  gpus: 8\n  network:\n    inter_node_gbit_per_s: 400\nsizes: [3]\n");
        ReportWriter.write(new TestSection(), ParameterFiles.read(f, Kinds.of(Map.of("test", TestSection.Params.class))), dir.resolve("f"),
                1, false, ProgressBars.silent(), "t");
        assertTrue(Files.readString(dir.resolve("f/index.html")).contains("test · mine · file <code>mine.yaml</code>"));
    }

    @Test
    void theIndexGroupsPagesByDomainWithTheirNameAndHeadlineNumbers() {
        SectionReport r = new SectionReport("Compute-optimal allocation", "s", List.of(new Row("N_opt", "70.0 B", "computed"),
                new Row("D_opt", "1.40 T", "computed"), new Row("tokens per parameter", "20.0", "computed"), new Row("fourth", "x", "y")),
                List.of(), List.of(), List.of(), List.of(), null);
        String html = HtmlIndex.index("t", "", List.of(
                HtmlIndex.Entry.of("plan-a/index.html", "plan-a", "plan", r),
                HtmlIndex.Entry.of("scaling-b/index.html", "budgets", "scaling", r),
                HtmlIndex.Entry.of("fit/index.html", "epoch-fit", "scaling-fit", r),
                HtmlIndex.Entry.of("sw/index.html", "llama3-sweep", "sweep", r),
                HtmlIndex.Entry.failed("bad/index.html", "bad", "x: must be > 0")), "v");
        assertTrue(html.indexOf("<h2 id=\"plan\">") < html.indexOf("<h2 id=\"scaling\">"), "groups in the order pages came");
        assertEquals(1, html.split("<h2 id=\"scaling\">", -1).length - 1, "scaling and scaling-fit share a group");
        assertTrue(html.contains("<h2 id=\"sweeps\">") && html.contains("<h2 id=\"failed\">"));
        assertTrue(html.contains("<a href=\"fit/index.html\"><b>epoch-fit</b></a>"), "titled by the file's name:");
        assertTrue(html.contains("N_opt: <b>70.0 B</b>") && !html.contains("fourth"), "three headline numbers");
        assertFalse(html.contains("<a href=\"bad/index.html\""), "no link to a page that was not written");
    }
}
