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
}
