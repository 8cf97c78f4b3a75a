package org.scalelab.reports.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalelab.reports.testing.CliRun;

/**
 * A kernels file whose {@code result_files} or {@code jmh_files} name something that is not JSON, or
 * not JSON of the expected shape, exits 2 before any measurement with one line naming the key, the
 * file and the reason, never the file's content.
 */
class ResultFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "result_files | x.png  | PNG    | result_files[0]: x.png is not JSON (not UTF-8 text), was x.png",
        "result_files | c.yaml | YAML   | result_files[0]: c.yaml is not JSON (syntax error at line 1, column 1), was c.yaml",
        "result_files | e.json | EMPTY  | result_files[0]: e.json is not JSON (empty), was e.json",
        "result_files | a.json | OBJECT | result_files[0]: a.json is not a 'scalelab kernels run' result (no \"results\" list), was a.json",
        "result_files | r.json | ROW    | result_files[0]: r.json results[0] is not a measurement: n must be an integer >= 1, was r.json",
        "result_files | s.json | SCALAR | result_files[0]: s.json results[0] is not a measurement (an object with kernel, n, seconds_compute, gflops), was s.json",
        "result_files | none   | NONE   | result_files[0]: no such file or folder, was none",
        "jmh_files    | x.png  | PNG    | jmh_files[0]: x.png is not JSON (not UTF-8 text), was x.png",
        "jmh_files    | a.json | OBJECT | jmh_files[0]: a.json is not a JMH JSON export (an array of benchmarks; run JMH with -rf json), was a.json",
        "jmh_files    | n.json | JMH_N  | jmh_files[0]: n.json [0].params.n is not a matrix side (an integer >= 1), was n.json",
    })
    void aFileThatIsNotAResultIsRejectedNamingItAndWhy(String key, String name, String content, String expected) throws IOException {
        byte[] bytes = switch (content) {
            case "PNG" -> new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', (byte) 0xff, 0};
            case "YAML" -> "# secret: do not echo\nkind: cluster\n".getBytes(StandardCharsets.UTF_8);
            case "EMPTY" -> new byte[0];
            case "OBJECT" -> "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
            case "ROW" -> "{\"results\": [{\"kernel\": \"ikj\", \"n\": 2.5, \"seconds_compute\": 1, \"gflops\": 2}]}".getBytes(StandardCharsets.UTF_8);
            case "SCALAR" -> "{\"results\": [1]}".getBytes(StandardCharsets.UTF_8);
            case "JMH_N" -> "[{\"benchmark\": \"b\", \"params\": {\"n\": \"abc\"}, \"primaryMetric\": {\"score\": 1, \"scoreUnit\": \"ops/s\"}}]"
                    .getBytes(StandardCharsets.UTF_8);
            default -> null;
        };
        if (bytes != null) {
            Files.write(dir.resolve(name), bytes);
        }
        Path file = dir.resolve("k.yaml");
        // a run group that would measure for a while: the bad file must be rejected before it starts
        Files.writeString(file, "kind: kernels\n" + key + ": [" + name + "]\nruns:\n  - sizes: [1024]\n    kernels: [naive-ijk]\n    devices: [java]\n");
        CliRun r = CliRun.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("scalelab: " + file + ":2 " + expected, r.err().strip());
    }
}
