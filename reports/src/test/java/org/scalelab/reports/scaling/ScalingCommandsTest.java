package org.scalelab.reports.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.reports.cli.ScaleLab;
import org.scalelab.report.io.Json;
import org.scalelab.reports.testing.CliRun;

class ScalingCommandsTest {

    static JsonNode golden(String name) throws Exception {
        try (InputStream in = ScalingCommandsTest.class.getResourceAsStream("/scaling/" + name)) {
            return Json.MAPPER.readTree(in);
        }
    }

    @Test
    void optimalJsonIsSealed() throws Exception {
        CliRun r = CliRun.run("scaling", "optimal", "--compute-flops", "5.76e23", "--law", "chinchilla-tex", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonAssert.assertJsonEquals(golden("optimal-chinchilla-tex.json"), r.json(), 1e-12, "$");
        // Hoffmann et al. 2022 Fig. 4 caption: Approach 3 optimum at Gopher's budget is "40B".
        assertEquals(40e9, r.json().get("params").doubleValue(), 0.5e9);
    }

    @Test
    void lossJsonIsSealed() throws Exception {
        CliRun r = CliRun.run("scaling", "loss", "--params", "70e9", "--tokens", "1.4e12", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonAssert.assertJsonEquals(golden("loss-epoch.json"), r.json(), 1e-12, "$");
    }

    @Test
    void lawsWithoutALossPrintNullOptimumLoss() {
        for (String law : new String[] {"deepseek", "llama3"}) {
            JsonNode o = CliRun.run("scaling", "optimal", "--compute-flops", "1e24", "--law", law, "--format", "json").json();
            assertTrue(o.has("loss") && o.get("loss").isNull(), law);
        }
        JsonNode ds = CliRun.run("scaling", "optimal", "--compute-flops", "1e24", "--law", "deepseek", "--format", "json").json();
        assertEquals(ds.get("flops_per_token").doubleValue() / 6, ds.get("params").doubleValue(), 1.0);
    }

    @Test
    void lossRefusesALawWithoutALossFormula() {
        for (String law : new String[] {"deepseek", "llama3", "chinchilla-approach1", "chinchilla-approach2"}) {
            CliRun r = CliRun.run("scaling", "loss", "--params", "1e9", "--tokens", "2e10", "--law", law, "--format", "json");
            assertEquals(ScaleLab.EXIT_BAD_INPUT, r.exit(), law);
            assertTrue(r.err().contains("--law: must be a law with a loss formula (epoch, chinchilla, chinchilla-tex, kaplan)"), r.err());
            assertTrue(r.err().contains("was " + law), r.err());
            assertEquals("", r.out(), law);
        }
    }

    @Test
    void lossWarnsOutsideTheFittedRangeAsOptimalDoes() {
        // 70B is above the 16B largest model of Hoffmann et al. 2022 §1, which Epoch refit
        CliRun out = CliRun.run("scaling", "loss", "--params", "70e9", "--tokens", "1.4e12", "--law", "epoch");
        assertEquals(0, out.exit(), out.err());
        assertTrue(out.err().contains("scalelab: warning: law epoch: 7.0e10 parameters and 1.4e12 tokens are outside the range"
                + " the law was fitted on (70M to 16B parameters, 5B to 500B tokens; Hoffmann et al. 2022, §1)"), out.err());
        CliRun in = CliRun.run("scaling", "loss", "--params", "1e9", "--tokens", "2e10", "--law", "epoch");
        assertEquals(0, in.exit(), in.err());
        assertFalse(in.err().contains("warning"), in.err());
    }

    @Test
    void kaplanAt1e21FlopsIs468Billion() {
        // Hoffmann et al. 2022 §3.4: Kaplan's law gives 4.68 billion parameters at 1e21 FLOPs.
        JsonNode o = CliRun.run("scaling", "optimal", "--compute-flops", "1e21", "--law", "kaplan", "--format", "json").json();
        assertEquals(4.68e9, o.get("params").doubleValue(), 0.005e9);
        assertEquals(o.get("tokens").doubleValue() / o.get("params").doubleValue(), o.get("tokens_per_param").doubleValue(), 1e-9);
    }

    @Test
    void inverseGivenParams() {
        JsonNode o = CliRun.run("scaling", "optimal", "--params", "70e9", "--law", "epoch", "--format", "json").json();
        assertEquals(70e9, o.get("params").doubleValue(), 1.0);
        assertEquals(o.get("compute_flops").doubleValue(), 6 * 70e9 * o.get("tokens").doubleValue(), 1e12);
    }

    @Test
    void fitReproducesEpochOnTheShippedCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("chinchilla.csv");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("datasets/epoch-chinchilla/svg_extracted_data.csv")) {
            Files.copy(in, csv);
        }
        CliRun r = CliRun.run("scaling", "fit", "--data", csv.toString(), "--exclude-top-loss", "5", "--approach", "3", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals(245, j.at("/data/rows").intValue());
        assertEquals(240, j.at("/data/used").intValue());
        JsonNode a3 = j.at("/approaches/3");
        // Besiroglu et al. 2024: E ≈ 1.817, A ≈ 478-482, B ≈ 2085-2143, α ≈ 0.347, β ≈ 0.366.
        assertEquals(1.817, a3.get("E").doubleValue(), 0.002);
        assertTrue(a3.get("A").doubleValue() > 470 && a3.get("A").doubleValue() < 490);
        assertTrue(a3.get("B").doubleValue() > 2050 && a3.get("B").doubleValue() < 2200);
        assertEquals(0.347, a3.get("alpha").doubleValue(), 0.002);
        assertEquals(0.366, a3.get("beta").doubleValue(), 0.002);
        assertFalse(a3.has("ci"), "ci only with --bootstrap");
    }

    @Test
    void approachAllSaysWhatItSkippedAndBootstrapIsSeeded() {
        String[] args = {"scaling", "fit", "--data", "synthetic-isoflop", "--bootstrap", "20", "--seed", "11",
            "--predict-at-flops", "1e24", "--format", "json"};
        CliRun r = CliRun.run(args);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("skipped Approach 1"), r.err());
        JsonNode j = r.json();
        assertTrue(j.at("/approaches/2/a").isNumber());
        JsonNode ci = j.at("/approaches/3/ci");
        for (String k : new String[] {"E", "A", "B", "alpha", "beta", "a", "b", "params_opt", "tokens_opt"}) {
            assertEquals(2, ci.get(k).size(), k);
            assertTrue(ci.get(k).get(0).doubleValue() <= ci.get(k).get(1).doubleValue(), k);
        }
        // Same seed, same resamples. The digits may differ past ~1e-9: the Vector API's lane-wise
        // exp/log (VectorHuberLse) may round differently in interpreted and C2-compiled code, and a
        // run early in the JVM (random test order) sees the first, a later run the second.
        JsonAssert.assertJsonEquals(j, CliRun.run(args).json(), 1e-6, "same seed, same output");
    }

    @Test
    void badInputExitsTwoNamingTheField() {
        CliRun law = CliRun.run("scaling", "optimal", "--compute-flops", "1e21", "--law", "gpt5");
        assertEquals(ScaleLab.EXIT_BAD_INPUT, law.exit());
        assertTrue(law.err().contains("law: must be one of epoch, chinchilla, chinchilla-tex, chinchilla-approach1, chinchilla-approach2, kaplan, deepseek, llama3"), law.err());
        CliRun neg = CliRun.run("scaling", "optimal", "--compute-flops", "-1");
        assertEquals(2, neg.exit());
        assertTrue(neg.err().contains("--compute-flops"), neg.err());
        CliRun tokens = CliRun.run("scaling", "loss", "--params", "1e9", "--tokens", "0");
        assertEquals(2, tokens.exit());
        assertTrue(tokens.err().contains("tokens"), tokens.err());
        CliRun missing = CliRun.run("scaling", "fit", "--data", "/no/such/file.csv");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--data: no such file"), missing.err());
        CliRun noBudget = CliRun.run("scaling", "fit", "--data", "epoch-chinchilla", "--approach", "2");
        assertEquals(2, noBudget.exit());
        assertTrue(noBudget.err().contains("--budget-column"), noBudget.err());
        CliRun approach = CliRun.run("scaling", "fit", "--data", "epoch-chinchilla", "--approach", "4");
        assertEquals(2, approach.exit());
        assertTrue(approach.err().contains("approach: must be one of 1, 2, 3, all"), approach.err());
        CliRun column = CliRun.run("scaling", "fit", "--data", "epoch-chinchilla", "--loss-column", "nope");
        assertEquals(2, column.exit());
        assertTrue(column.err().contains("--loss-column"), column.err());
    }
}
