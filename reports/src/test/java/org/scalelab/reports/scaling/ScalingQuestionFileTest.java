package org.scalelab.reports.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalelab.reports.testing.CliRun;

/**
 * A {@code kind: scaling} file that asks {@code scaling optimal}'s or {@code scaling loss}'s single
 * question prints, under {@code scalelab run}, the JSON object the subcommand prints.
 */
class ScalingQuestionFileTest {
    @TempDir
    Path dir;

    private JsonNode runFile(String body) throws Exception {
        Path f = dir.resolve("q.yaml");
        Files.writeString(f, "kind: scaling\nbudgets_flops: [1.0e+24]\nlaws: [epoch]\n" + body);
        CliRun r = CliRun.run("run", f.toString(), "--out", dir.resolve("out").toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        return r.json();
    }

    @Test
    void optimalAtABudgetIsTheSubcommandsAnswer() throws Exception {
        JsonNode file = runFile("law: chinchilla-tex\ncompute_flops: 5.76e23\n");
        JsonNode command = CliRun.run("scaling", "optimal", "--compute-flops", "5.76e23", "--law", "chinchilla-tex", "--format", "json").json();
        assertEquals(command, file.get("optimal"));
        assertFalse(file.has("loss"));
        // the report's own allocations are still there
        assertEquals(1, file.get("allocations").size());
    }

    @Test
    void theBudgetForASizeIsTheSubcommandsAnswerUnderTheDefaultLaw() throws Exception {
        JsonNode file = runFile("params: 70e9\n");
        JsonNode command = CliRun.run("scaling", "optimal", "--params", "70e9", "--format", "json").json();
        assertEquals(command, file.get("optimal"));
        assertEquals("epoch", file.at("/optimal/law").asText());
    }

    @Test
    void theLossIsTheSubcommandsAnswer() throws Exception {
        JsonNode file = runFile("law: kaplan\nparams: 70e9\ntokens: 1.4e12\n");
        JsonNode command = CliRun.run("scaling", "loss", "--params", "70e9", "--tokens", "1.4e12", "--law", "kaplan", "--format", "json").json();
        assertEquals(command, file.get("loss"));
        assertFalse(file.has("optimal"));
    }

    @Test
    void aLossQuestionUnderALawWithoutALossFormulaIsRefusedNamingTheKey() throws Exception {
        Path f = dir.resolve("d.yaml");
        Files.writeString(f, "kind: scaling\nbudgets_flops: [1.0e+24]\nlaws: [epoch]\nlaw: deepseek\nparams: 70e9\ntokens: 1.4e12\n");
        CliRun r = CliRun.run("run", f.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("law: must be a law with a loss formula (epoch, chinchilla, chinchilla-tex, kaplan)"), r.err());
        assertTrue(r.err().contains("was deepseek"), r.err());
    }

    @Test
    void theTableLeadsWithTheAnswer() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "kind: scaling\nbudgets_flops: [1.0e+24]\ncompute_flops: 5.76e23\nlaw: chinchilla-tex\n");
        CliRun r = CliRun.run("run", f.toString(), "--out", dir.resolve("t").toString());
        assertEquals(0, r.exit(), r.err());
        // the table wraps long cells, so the label's law may sit on the next line; the answer row comes first
        String out = r.out();
        int answer = out.indexOf("Compute-optimal at 5.760e+23 FLOPs");
        assertTrue(answer >= 0 && out.indexOf("(chinchilla-tex)", answer) > answer, out);
        assertTrue(answer < out.indexOf("epoch at 1.000e+24 FLOPs"), out);
    }

    @Test
    void aFileWithoutAQuestionPrintsNoAnswer() throws Exception {
        JsonNode file = runFile("");
        assertFalse(file.has("optimal"));
        assertFalse(file.has("loss"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "law: kaplan                                  | law",
        "compute_flops: 1.0e+24\\nparams: 7.0e+10      | params",
        "tokens: 1.4e+12                              | tokens",
        "compute_flops: 1.0e+24\\ntokens: 1.4e+12      | tokens",
        "law: gpt\\ncompute_flops: 1.0e+24             | law",
        "compute_flops: 1.0e+50                       | compute_flops",
        "params: 1.0e+9\\ntokens: -5                   | tokens"})
    void otherCombinationsAreRejectedNamingTheKey(String body, String key) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "kind: scaling\nbudgets_flops: [1.0e+24]\n" + body.replace("\\n", "\n") + "\n");
        CliRun r = CliRun.run("run", f.toString(), "--out", dir.resolve("bad").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().matches("(?s).*bad\\.yaml:\\d+ " + key + ": .*"), r.err());
    }
}
