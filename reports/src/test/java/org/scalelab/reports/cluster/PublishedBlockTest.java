package org.scalelab.reports.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.reports.cli.Sections;

/**
 * The {@code published:} block of a cluster file (the Llama 3 example's: Table 5's 466 interruptions,
 * 419 unexpected, 47 planned, ETTR above 0.90) is held to the rules of every other key: unknown keys,
 * wrong types and values outside their range are rejected on their line, naming the key path.
 */
class PublishedBlockTest {
    @TempDir
    Path dir;

    private String error(String... fromTo) throws IOException {
        String yaml = Files.readString(Path.of("../examples/cluster-llama3-405b-16k.yaml"));
        for (int i = 0; i < fromTo.length; i += 2) {
            if (!yaml.contains(fromTo[i])) {
                throw new IllegalStateException("the example no longer has '" + fromTo[i] + "'");
            }
            yaml = yaml.replace(fromTo[i], fromTo[i + 1]);
        }
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, yaml);
        return assertThrows(InvalidParameterException.class, () -> Sections.read(f)).getMessage().replace(dir + "/", "");
    }

    private static int lineOf(String text) throws IOException {
        var lines = Files.readAllLines(Path.of("../examples/cluster-llama3-405b-16k.yaml"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(text)) {
                return i + 1;
            }
        }
        throw new IllegalStateException(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key      | '  planned: 47' | '  planed: 47'            | '  planned: 47'       | published.planed: unknown key; did you mean planned? (allowed: ettr_at_least, interruptions, mfu, planned, source, step_seconds, unexpected)",
        "wrong type       | '  planned: 47' | '  planned: forty'        | '  planned: 47'       | published.planned: must be a number, was \"forty\"",
        "negative count   | '  planned: 47' | '  planned: -47'          | '  planned: 47'       | published.planned: must be in [0, 1000000], was -47",
        "fractional count | '  planned: 47' | '  planned: 4.5'          | '  planned: 47'       | published.planned: must be an integer, was 4.5",
        "parts over total | '  planned: 47' | '  planned: 470'          | '  unexpected: 419'   | published.unexpected: unexpected + planned must not exceed interruptions (466), was 419 + 470",
        "ETTR above 1     | '  ettr_at_least: 0.90' | '  ettr_at_least: 90' | '  ettr_at_least: 0.90' | published.ettr_at_least: must be in (0, 1], was 90",
        "NaN              | '  ettr_at_least: 0.90' | '  ettr_at_least: .nan' | '  ettr_at_least: 0.90' | published.ettr_at_least: must be a finite number, was .nan",
        "no source        | '  source: \"Llama 3 paper, section 3.3.4, Table 4 (MFU) and Table 5\"' | '  source: \"\"' | '  source:' | published.source: is required (the paper, section or table the figures come from), was empty",
    })
    void rejectsABadPublishedFigureOnItsLine(String what, String from, String to, String line, String expected) throws IOException {
        assertEquals("p.yaml:" + lineOf(line) + " " + expected, error(from, to));
    }

    @Test
    void aBlockWithoutFiguresIsRejected() throws IOException {
        String figures = "  ettr_at_least: 0.90\n  mfu: 0.41\n";
        String counts = "  interruptions: 466\n  unexpected: 419\n  planned: 47\n";
        assertEquals("p.yaml:" + lineOf("published:") + " published: must give at least one figure (interruptions, unexpected, "
                + "planned, ettr_at_least, step_seconds or mfu) beside its source, was only source", error(counts, "", figures, ""));
    }
}
