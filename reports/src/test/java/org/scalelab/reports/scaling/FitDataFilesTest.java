package org.scalelab.reports.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalelab.reports.testing.CliRun;

/**
 * The CSV of runs a fit reads, named by {@code --data} or a file's {@code data:}: every rejection is
 * one line with the CSV's name and line, exit 2; a row that breaks a rule is echoed (cut), a file
 * that is not a CSV of runs at all (a PNG, a YAML file, a system file) is named but not echoed.
 */
class FitDataFilesTest {
    @TempDir
    Path dir;

    private static final String SECRET = "root:$6$secret:19000:0:99999:7:::\n";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "png       | x.png  | x.png:1 must be a CSV text file (UTF-8), was a byte 0x89 that is not text",
        "yaml      | c.yaml | c.yaml:1 must be a CSV with a header row naming its columns (params and loss, with tokens or flops), was a file that is not one",
        "secret    | shadow | shadow:1 must be a CSV with a header row naming its columns (params and loss, with tokens or flops), was a file that is not one",
        "bad row   | r.csv  | r.csv:5 column tokens must be a finite number > 0, was x (row: 1e9,x,3)",
        "empty     | e.csv  | e.csv:1 must be a CSV with a header row, was an empty file",
    })
    void aBadFileIsRejectedWithItsNameAndLine(String what, String name, String expected) throws IOException {
        byte[] bytes = switch (what) {
            case "png" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
            case "yaml" -> "# a parameter file, not data\nkind: cluster\ndays: 54\n".getBytes(StandardCharsets.UTF_8);
            case "secret" -> SECRET.getBytes(StandardCharsets.UTF_8);
            case "bad row" -> "params,tokens,loss\n1e9,2e10,3.1\n\n2e9,4e10,2.9\n1e9,x,3\n".getBytes(StandardCharsets.UTF_8);
            default -> new byte[0];
        };
        Path data = dir.resolve(name);
        Files.write(data, bytes);
        CliRun cli = CliRun.run("scaling", "fit", "--data", data.toString(), "--approach", "3", "--bootstrap", "0");
        assertEquals(2, cli.exit(), cli.err());
        assertEquals("scalelab: --data: " + expected, cli.err().strip());
        Path file = dir.resolve("fit.yaml");
        Files.writeString(file, "kind: scaling-fit\nname: fit\ndata: " + name + "\napproach: 3\n");
        CliRun run = CliRun.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, run.exit(), run.err());
        assertEquals("scalelab: " + file + ":3 data: " + expected, run.err().strip());
        assertFalse(run.err().contains("secret") || cli.err().contains("secret"));
    }

    @Test
    void aByteOrderMarkIsAcceptedAndADeviceIsRefused() throws IOException {
        Path data = dir.resolve("bom.csv");
        StringBuilder csv = new StringBuilder("\uFEFFparams,tokens,loss\n");
        for (int i = 0; i < 12; i++) {
            double n = 1e8 * Math.pow(2, i);
            csv.append(n).append(',').append(20 * n).append(',').append(1.7 + 400 / Math.pow(n, 0.34) + 410 / Math.pow(20 * n, 0.28)).append('\n');
        }
        Files.writeString(data, csv.toString());
        CliRun ok = CliRun.run("scaling", "fit", "--data", data.toString(), "--approach", "3", "--bootstrap", "0", "--format", "json");
        assertEquals(0, ok.exit(), ok.err());
        if (Files.exists(Path.of("/dev/zero"))) {
            CliRun dev = CliRun.run("scaling", "fit", "--data", "/dev/zero");
            assertEquals(2, dev.exit(), dev.err());
            assertEquals("scalelab: --data: must be a CSV file, was a device or special file", dev.err().strip());
        }
    }
}
