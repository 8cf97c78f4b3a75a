package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.planner.Plan;
import org.scalelab.report.HtmlReport;
import org.scalelab.report.SectionReport;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.reports.memory.MemoryResult;
import org.scalelab.reports.memory.MoeDetail;

/**
 * The report pages of the shipped mixture-of-experts examples, read as a user reads them: the
 * memory page shows the dense and routed-expert rows of {@code moe_detail} and the all-to-all
 * buffers; the plan page shows the EP it chose and why, the exposed all-to-all and the memory split,
 * and labels the FP8 GEMM efficiency an assumption. Each value is checked against the result the
 * page was written from.
 */
class MoePagesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Page(SectionReport report, String html) { }

    private Page write(String example) throws Exception {
        Path out = dir.resolve("page");
        SectionReport report = Sections.write(Sections.read(ROOT.resolve(example)), out, 7, false, ProgressBars.silent());
        return new Page(report, Files.readString(out.resolve("index.html")));
    }

    /** The cells of the table row whose first cell is {@code first}, unescaped; fails when there is none. */
    private static List<String> row(String html, String first) {
        String start = "<tr><td>" + HtmlReport.esc(first) + "</td>";
        int at = html.indexOf(start);
        assertTrue(at >= 0, "no row starting with " + first);
        String cells = html.substring(at + "<tr><td>".length(), html.indexOf("</tr>", at));
        return Arrays.stream(cells.split("</td>(<td[^>]*>)?")).map(MoePagesTest::unescape).toList();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    private static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.3f", bytes / 1e9);
    }

    @Test
    void memoryPageShowsTheDenseAndExpertRowsAndTheAllToAllBuffers() throws Exception {
        Page p = write("examples/memory-moe-deepseek-v3.yaml");
        MoeDetail d = ((MemoryResult) p.report().result()).moeDetail();
        assertNotNull(d);
        assertTrue(p.html().contains(HtmlReport.esc("Mixture of experts: dense and expert parts of the per-GPU memory")), "caption");
        assertTrue(p.html().contains("ep = 64"), "ep");
        // DeepSeek-V3 Section 3.2: 256 routed experts over ep 64, 4 per GPU; dense states shard over
        // ep x dp = 128 GPUs, expert states over the dp = 2 replicas (ZeRO-1).
        List<String> dense = row(p.html(), "dense (attention, norms, embeddings, routers, shared experts)");
        assertEquals("128", dense.get(2));
        assertEquals(gb(d.denseBytes().total()), dense.get(6));
        List<String> experts = row(p.html(), "routed experts (4 per MoE block on this GPU)");
        assertEquals("2", experts.get(2));
        assertEquals(gb(d.expertBytes().parameters()), experts.get(3));
        assertEquals(gb(d.expertBytes().total()), experts.get(6));
        assertEquals(gb(d.expertActivationsBytes()), row(p.html(), "routed experts' activations").get(6));
        assertEquals(gb(d.allToAllSendBytes()), row(p.html(), "all-to-all send buffer").get(6));
        assertEquals(gb(d.allToAllReceiveBytes()), row(p.html(), "all-to-all receive buffer").get(6));
        assertTrue(d.allToAllSendBytes() > 0);
    }

    @Test
    void planPageShowsTheEpChoiceTheAllToAllAndTheFp8Assumption() throws Exception {
        Page p = write("examples/plan-deepseek-v3.yaml");
        Plan plan = (Plan) p.report().result();
        Plan.Moe m = plan.moe();
        assertNotNull(m);
        assertEquals(plan.layout().ep().intValue(), m.ep());
        // The headline names the chosen EP; the table lists every EP the search tried, the chosen first.
        List<String> ep = row(p.html(), "Expert parallelism");
        assertEquals(String.format(Locale.ROOT, "EP %d: %d of 256 routed experts per GPU", m.ep(), 256 / m.ep()), ep.get(1));
        assertEquals("computed: " + m.epChoice().get(0), ep.get(2));
        assertTrue(p.html().contains(HtmlReport.esc("Why this expert parallelism: the fastest layout of each EP tried (computed)")));
        assertTrue(m.epChoice().size() > 1, m.epChoice().toString());
        for (String line : m.epChoice()) {
            assertTrue(p.html().contains("<tr><td>" + HtmlReport.esc(line) + "</td></tr>"), line);
        }
        assertTrue(m.epChoice().get(0).startsWith("EP " + m.ep() + ": "), m.epChoice().get(0));
        // The exposed all-to-all: the step model's own line, 95 % of it hidden (a2a_overlap 0.95).
        List<String> a2a = row(p.html(), "All-to-all per step, exposed");
        assertTrue(a2a.get(1).startsWith(String.format(Locale.ROOT, "%.3f s (", m.allToAllSeconds())), a2a.get(1));
        assertTrue(m.allToAllSeconds() > 0);
        assertEquals(0.95, m.a2aOverlap(), 0);
        Plan.MemoryDetail d = m.memoryDetail();
        assertNotNull(d);
        assertTrue(row(p.html(), "Memory: dense and expert parts").get(1).startsWith(String.format(Locale.ROOT,
                "dense states %.1f GB, expert states %.1f GB (%d experts per GPU per block)", d.denseStatesBytes() / 1e9,
                d.expertStatesBytes() / 1e9, d.expertsPerGpu())));
        // FP8 GEMMs (DeepSeek-V3 Section 3.3) at an efficiency no source gives: labelled as assumed.
        assertEquals("fp8", m.gemmPrecision());
        assertTrue(row(p.html(), "Step time").get(2).contains("assumed (same as BF16)"), row(p.html(), "Step time").get(2));
    }
}
