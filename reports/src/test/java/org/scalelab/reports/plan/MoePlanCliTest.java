package org.scalelab.reports.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.scalelab.reports.testing.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.testing.CliRun;

/** {@code scalelab plan} for a custom mixture-of-experts shape given by options, not a preset. */
class MoePlanCliTest {
    private static final String[] SHAPE = {"--layers", "4", "--hidden", "512", "--heads", "8"};
    private static final String[] EXPERTS = {"--experts", "8", "--experts-per-token", "2"};

    private static String[] args(Path out, boolean moe, String command, String... more) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(SHAPE));
        if (moe) {
            a.addAll(List.of(EXPERTS));
        }
        if (command.equals("plan")) {
            a.addAll(List.of("--tokens", "1e9", "--gpus", "8", "--gpu", "h100-sxm", "--no-failures", "--out",
                    out.toString()));
        }
        a.addAll(List.of(more));
        a.addAll(List.of("--format", "json"));
        return a.toArray(String[]::new);
    }

    @Test
    void aCustomMixtureCountsItsExpertsAndSearchesExpertParallelism(@TempDir Path dir) {
        CliRun moeRun = run(args(dir.resolve("moe"), true, "plan"));
        assertEquals(0, moeRun.exit(), moeRun.err());
        JsonNode moe = moeRun.json();
        CliRun denseRun = run(args(dir.resolve("dense"), false, "plan"));
        assertEquals(0, denseRun.exit(), denseRun.err());
        JsonNode dense = denseRun.json();

        // A GPT-style block of h = 512 (biases, f = 4h = 2048): one expert MLP is 2·h·f + f + h
        // parameters; each of the 4 blocks gains a router of h·E (Shazeer et al. 2017, Eq. 3) and
        // E - 1 more MLPs, and a token passes through k of the E (Jiang et al. 2024, Section 2.1).
        long h = 512;
        long f = 2048;
        long expert = 2 * h * f + f + h;
        long params = moe.get("params").asLong();
        long active = moe.at("/moe/active_params").asLong();
        assertEquals(dense.get("params").asLong() + 4 * (h * 8 + 7 * expert), params);
        assertEquals(params - 4 * (8 - 2) * expert, active);
        // The memory command reports the same shape under its names.
        CliRun memory = run(args(dir, true, "memory"));
        assertEquals(0, memory.exit(), memory.err());
        assertEquals(params, memory.json().get("param_count").asLong());
        assertEquals(active, memory.json().get("active_param_count").asLong());
        // C = 6 N_active D (Kaplan et al. 2020, Section 2.1, with the parameters a token passes through).
        assertEquals(6.0 * active * 1e9, moe.get("compute_flops").asDouble(), 1e-9 * moe.get("compute_flops").asDouble());

        // The layout search tried every expert-parallel degree that divides E and fits 8 GPUs: 1, 2, 4, 8.
        JsonNode layout = moe.get("layout");
        int ep = layout.get("ep").asInt();
        assertEquals(ep, moe.at("/moe/ep").asInt());
        assertEquals(0, 8 % ep);
        assertEquals(8, (long) layout.get("tp").asInt() * layout.get("pp").asInt() * ep * layout.get("dp").asInt()
                + layout.get("idle_gpus").asInt());
        JsonNode tried = moe.at("/moe/ep_choice");
        assertEquals(4, tried.size(), tried.toString());
        assertTrue(tried.get(0).asText().startsWith("EP " + ep + ": "), tried.toString());
        for (int e : new int[] {1, 2, 4, 8}) {
            String prefix = "EP " + e + (e == ep ? ": " : " (");
            assertTrue(StreamSupport.stream(tried.spliterator(), false)
                    .anyMatch(t -> t.asText().startsWith(prefix)), "EP " + e + " not tried: " + tried);
        }
        // A dense shape has no expert part and no EP.
        assertTrue(dense.get("moe") == null && dense.get("layout").get("ep") == null, dense.toString());
    }
}
