package org.scalelab.report.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import org.junit.jupiter.api.Test;
import org.scalelab.report.io.Json;

/** --format table speaks human units with 3-4 significant digits, whatever the command. */
class HumanTableTest {

    @Test
    void unitsComeFromTheKeySuffix() {
        assertEquals("144.0 GB", HumanTable.human("total_bytes", LongNode.valueOf(144_014_065_664L)));
        assertEquals("95.86 B params", HumanTable.human("params", DoubleNode.valueOf(9.586065404568231E10)));
        assertEquals("1.400 T tokens", HumanTable.human("tokens", DoubleNode.valueOf(1.4e12)));
        assertEquals("1.000e24 FLOPs", HumanTable.human("compute_flops", DoubleNode.valueOf(1e24)));
        assertEquals("12.00 days", HumanTable.human("wall_seconds", DoubleNode.valueOf(12 * 86400.0)));
        // GPU-hours count GPU time; they are not a duration to turn into days.
        assertEquals("gpu hours", HumanTable.label("gpu_hours"));
        assertTrue(HumanTable.human("gpu_hours", DoubleNode.valueOf(30.84e6)).endsWith(" GPU-hours"));
        assertEquals("3.093 h", HumanTable.human("mtbf_hours", DoubleNode.valueOf(3.0930787589498807)));
        assertEquals("88.24 %", HumanTable.human("expected_ettr", DoubleNode.valueOf(0.88235)));
        assertEquals("400.0 Gbit/s", HumanTable.human("inter_node_gbit_per_s", DoubleNode.valueOf(400)));
        assertEquals("0.4312", HumanTable.human("alpha", DoubleNode.valueOf(0.43121234)));
        assertEquals("-", HumanTable.human("loss", null));
    }

    @Test
    void aByteCountClampedAtLongMaxValueReadsAsALowerBound() {
        // memory's per-GPU lines saturate at Long.MAX_VALUE instead of wrapping; 9223 PB is then not the value
        assertEquals("> 9223 PB (overflows; lower bound)", HumanTable.human("total_bytes", LongNode.valueOf(Long.MAX_VALUE)));
        assertEquals("9223 PB", HumanTable.human("total_bytes", LongNode.valueOf(Long.MAX_VALUE - 1)));
        assertEquals("9223 PB", HumanTable.human("total_bytes", DoubleNode.valueOf(9.223372036854776e18))); // a double is not clamped
    }

    @Test
    void nestedResultsAreTheirOwnTablesWithSources() {
        var root = Json.MAPPER.createObjectNode();
        root.put("params", 7e9);
        root.putObject("per_gpu_bytes").put("parameters", 14e9).put("total", 1.2e11);
        root.putObject("sources").put("params", "Hoffmann et al. 2022, Eq. 4");
        var arr = root.putArray("rows");
        arr.addObject().put("n", 1024).put("gflops", 95.25);
        String t = HumanTable.render(root);
        assertTrue(t.matches("(?s).*params +7.000 B params +Hoffmann et al. 2022, Eq. 4.*"), t);
        assertTrue(t.contains("per gpu\n") || t.contains("per gpu" + System.lineSeparator()), t);
        assertTrue(t.matches("(?s).*total +120.0 GB.*"), t);
        assertTrue(t.contains("computed"), t);
        assertTrue(t.contains("95.25 GFLOP/s"), t);
        assertFalse(t.contains("E10") || t.contains("[{"), t);
    }

    /** A value that prints "-" (none, or an interval without spread) has no source beside it. */
    @Test
    void aDashHasNoSource() {
        var root = Json.MAPPER.createObjectNode();
        root.put("params", 7e9);
        root.putNull("usd");
        root.putArray("wall_seconds_ci").add(86400.0).add(86400.0);
        root.putObject("sources").put("usd", "given").put("wall_seconds_ci", "simulated");
        String t = HumanTable.render(root);
        for (String line : t.lines().toList()) {
            if (line.startsWith("  usd") || line.startsWith("  wall")) {
                assertTrue(line.strip().endsWith("-"), line);
            }
        }
        assertTrue(t.contains("computed"), t); // params keeps its source
    }

    @Test
    void unitsAreConsistentWithinATable() {
        assertEquals("51.01 %", HumanTable.human("hfu", DoubleNode.valueOf(0.5101)));
        assertEquals("0.04064 s", HumanTable.human("seconds", DoubleNode.valueOf(0.04064)));
        assertEquals("1.000 GB", HumanTable.human("bytes", DoubleNode.valueOf(1e9)));
        assertEquals("4,335 GPU-hours", HumanTable.human("gpu_hours", DoubleNode.valueOf(4335.2)));
        assertEquals("30,840,000 GPU-hours", HumanTable.human("gpu_hours", DoubleNode.valueOf(30.84e6)));
        var root = Json.MAPPER.createObjectNode();
        root.putObject("breakdown").put("compute", 4.56);
        assertTrue(HumanTable.render(root, Provenance.none().unit("breakdown", "_seconds")).contains("4.560 s"));
    }

    /** Before: plan printed `usd 763002`, `wall days ci 59.82, 59.82` and cluster simulate `wall seconds ci 4.666e06, ...`. */
    @Test
    void moneyAndIntervalsHaveUnitsAndAnIntervalWithoutSpreadIsADash() {
        assertEquals("763,003 USD", HumanTable.human("usd", DoubleNode.valueOf(763002.5)));
        assertEquals("2.000 USD/GPU-hour", HumanTable.human("usd_per_gpu_hour", DoubleNode.valueOf(2)));
        var root = Json.MAPPER.createObjectNode();
        root.putArray("wall_days_ci").add(59.82).add(59.82);
        root.putArray("wall_seconds_ci").add(4.666e6).add(4.7e6);
        String t = HumanTable.render(root);
        assertTrue(t.matches("(?s).*wall ci +-\\R.*"), t); // the interval row is named by its quantity, the unit is in its cells
        assertTrue(t.contains("54.00 days, 54.40 days"), t);
    }

    @Test
    void longTextCellsWrapSoNoRowIsWide() {
        var root = Json.MAPPER.createObjectNode();
        root.put("params", 7e9);
        root.put("law_description", "word ".repeat(120).trim());
        var choices = root.putArray("choices");
        choices.add("params: given");
        choices.add("shape: " + "long ".repeat(100).trim());
        var alts = root.putArray("alternatives");
        alts.addObject().put("why_lost", "because ".repeat(60).trim()).put("mfu", 0.4);
        String t = HumanTable.render(root);
        int widest = t.lines().mapToInt(String::length).max().orElse(0);
        assertTrue(widest <= 2 + 20 + 2 + HumanTable.WRAP + 2 + HumanTable.WRAP, widest + "\n" + t);
        assertTrue(t.contains("params: given"), t);
        assertEquals(100, t.split("long", -1).length - 1, "no word of a wrapped cell is lost: " + t);
    }

    @Test
    void theSourceColumnSaysGivenAssumedOrComputed() {
        var root = Json.MAPPER.createObjectNode();
        root.put("params", 7e9);
        root.put("seq", 4096);
        root.put("gpu", "h100-sxm");
        root.put("mfu", 0.4);
        root.putObject("model").put("layers", 32);
        Provenance p = Provenance.none().put("params", Provenance.GIVEN).put("seq", Provenance.assumed("default 4096"))
                .put("gpu", Provenance.GIVEN).put("model", Provenance.preset("llama2-7b"));
        String t = HumanTable.render(root, p);
        assertTrue(t.matches("(?s).*params +7.000 B params +given.*"), t);
        assertTrue(t.matches("(?s).*seq +4096 +assumed: default 4096.*"), t);
        assertTrue(t.matches("(?s).*gpu +h100-sxm +given.*"), t);
        assertTrue(t.matches("(?s).*mfu +40.00 % +computed.*"), t);
        assertTrue(t.matches("(?s).*layers +32 +preset: llama2-7b.*"), t);
    }

    /** A command with options as the labelling sees them. */
    @picocli.CommandLine.Command(name = "t")
    static final class Options {
        @picocli.CommandLine.Option(names = "--tp") Integer tp;
        @picocli.CommandLine.Option(names = "--params") Long params;
        @picocli.CommandLine.Option(names = "--gpu-memory-gb") Double gpuMemoryGb;
        @picocli.CommandLine.Option(names = "--recompute") String recompute;
        @picocli.CommandLine.Option(names = "--data") String data;
        @picocli.CommandLine.Option(names = "--seq", defaultValue = "2048") int seq;
        @picocli.CommandLine.Option(names = "--flash-attention") boolean flashAttention;
        @picocli.CommandLine.Option(names = "--seed") Long seed;
    }

    private static Provenance parsed(String... args) {
        picocli.CommandLine cl = new picocli.CommandLine(new Options());
        cl.parseArgs(args);
        return Provenance.of(cl.getCommandSpec());
    }

    /**
     * Before: plan printed "tp 8 computed" for --tp 8 (the row sits in the layout table), memory
     * "gpu memory 32.00 GB computed" for --gpu-memory-gb 32 (the result keeps bytes) and "param count
     * 7.000 B computed" for --params; fit printed "used 240 given" (a child of the given --data).
     */
    @Test
    void aGivenQuantityIsGivenUnderAnyNameUnitOrDepthButItsDerivedChildrenAreNot() {
        var root = Json.MAPPER.createObjectNode();
        root.put("param_count", 7e9);
        root.put("gpu_memory_bytes", 32e9);
        root.put("seq", 2048);
        root.put("flash_attention", false);
        root.put("seed", 20240101);
        root.putObject("layout").put("tp", 8).put("recompute", "full").put("dp", 4);
        root.putObject("breakdown").put("recompute", 1.5);
        root.putObject("data").put("rows", 245).put("used", 240);
        Provenance p = parsed("--tp", "8", "--params", "7000000000", "--gpu-memory-gb", "32", "--recompute", "full", "--data", "x.csv")
                .unit("breakdown", "_seconds").seed(20240101, false);
        String t = HumanTable.render(root, p);
        assertTrue(t.matches("(?s).*param count +7.000 B params +given\\R.*"), t);
        assertTrue(t.matches("(?s).*gpu memory +32.00 GB +given\\R.*"), t);
        assertTrue(t.matches("(?s).*seq +2048 +assumed: default 2048\\R.*"), t);
        assertTrue(t.matches("(?s).*flash attention +false +assumed: default false\\R.*"), t);
        assertTrue(t.matches("(?s).*seed +20240101 +assumed: default 20240101\\R.*"), t);
        assertTrue(t.matches("(?s).*tp +8 +given\\R.*"), t);
        assertTrue(t.matches("(?s).*recompute +full +given\\R.*"), t);
        assertTrue(t.matches("(?s).*dp +4 +computed\\R.*"), t);
        // the step's recompute seconds are not the --recompute option
        assertTrue(t.matches("(?s).*recompute +1.500 s +computed\\R.*"), t);
        assertTrue(t.matches("(?s).*used +240 +computed\\R.*"), t);
        // a seed from the file is given too, in the same words in every command
        assertTrue(HumanTable.render(root, parsed().seed(7, true)).matches("(?s).*seed +20240101 +given \\(the file's seed\\)\\R.*"));
        assertTrue(HumanTable.render(root, parsed("--seed", "3").seed(3, true)).matches("(?s).*seed +20240101 +given\\R.*"));
    }

    /** Before: "wall seconds ci 4.666e06, 4.666e06" and "time breakdown seconds ci" rows of bare seconds (3.957e06, 216020). */
    @Test
    void intervalsNestedOrNotReadInTheirQuantitysUnitAndAZeroWidthOneIsADash() {
        var root = Json.MAPPER.createObjectNode();
        root.putArray("wall_seconds_ci").add(4.666e6).add(4.7e6);
        var ci = root.putObject("time_breakdown_seconds_ci");
        ci.putArray("productive_compute").add(3.957e6).add(3.96e6);
        ci.putArray("lost").add(216020).add(218000);
        ci.putArray("maintenance").add(0).add(0);
        root.putObject("interruptions_ci").putArray("planned").add(0).add(0);
        String t = HumanTable.render(root);
        assertTrue(t.matches("(?s).*wall ci +54.00 days, 54.40 days +computed.*"), t);
        assertTrue(t.contains("time breakdown ci" + System.lineSeparator()), t);
        assertTrue(t.matches("(?s).*productive compute +45.80 days, 45.83 days.*"), t);
        assertTrue(t.matches("(?s).*lost +2.500 days, 2.523 days.*"), t);
        assertTrue(t.matches("(?s).*maintenance +-\\R.*"), t);
        assertTrue(t.matches("(?s).*planned +-\\R.*"), t);
        assertFalse(t.contains("seconds"), t);
    }
}
