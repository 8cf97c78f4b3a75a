package org.scalelab.report.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.TestSection;

class ParameterFilesTest {
    private static final Kinds KINDS = Kinds.of(java.util.Map.of("test", TestSection.Params.class));

    @TempDir
    Path dir;

    private static final String GOOD = """
            kind: test
            name: good
            seed: 7
            cluster:
              gpus: 8
              network:
                inter_node_gbit_per_s: 400
            sizes: [1, 2e3, 3]
            """;

    private ParameterFile read(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return ParameterFiles.read(f, KINDS);
    }

    private String error(String name, String text) {
        return assertThrows(InvalidParameterException.class, () -> read(name, text)).getMessage().replace(dir + "/", "");
    }

    @Test
    void bindsATypedRecordWithHeaderAndExponentIntegers() throws IOException {
        ParameterFile f = read("good.yaml", GOOD);
        assertEquals("test", f.kind());
        assertEquals("good", f.name());
        assertEquals(7L, f.seed());
        TestSection.Params p = (TestSection.Params) f.parameters();
        assertEquals(8, p.cluster().gpus());
        assertEquals(400.0, p.cluster().network().interNodeGbitPerS());
        assertEquals(5e-6, p.cluster().network().latencySeconds());
        assertEquals(List.of(1L, 2000L, 3L), p.sizes());
    }

    @Test
    void aWholeNumberWhereANameIsExpectedIsReadAsText() throws IOException {
        ParameterFile f = read("label.yaml", GOOD + "label: 3\n");
        assertEquals("3", ((TestSection.Params) f.parameters()).label());
        assertTrue(error("bad.yaml", GOOD + "label: 2.5\n").startsWith("bad.yaml:9 label: must be a string"));
        assertTrue(error("bad.yaml", GOOD + "label: true\n").startsWith("bad.yaml:9 label: must be a string"));
    }

    @Test
    void jsonFilesBindTheSameWay() throws IOException {
        ParameterFile f = read("good.json", """
                {"kind": "test", "cluster": {"gpus": 8, "network": {"inter_node_gbit_per_s": 400}}}
                """);
        assertEquals("good", f.name());
        assertEquals(8, ((TestSection.Params) f.parameters()).cluster().gpus());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what is wrong | replaced line | replacement | expected message
        "negative value | inter_node_gbit_per_s: 400 | inter_node_gbit_per_s: -5 | bad.yaml:7 cluster.network.inter_node_gbit_per_s: must be > 0, was -5",
        "unknown key    | inter_node_gbit_per_s: 400 | inter_node_gbps: 400 | bad.yaml:7 cluster.network.inter_node_gbps: unknown key; did you mean inter_node_gbit_per_s? (allowed: inter_node_gbit_per_s, latency_seconds)",
        "wrong type     | gpus: 8 | gpus: eight | bad.yaml:5 cluster.gpus: must be an integer, was \"eight\"",
        "fraction       | gpus: 8 | gpus: 2.5 | bad.yaml:5 cluster.gpus: must be an integer, was 2.5",
        "missing field  | gpus: 8 | '' | bad.yaml:4 cluster.gpus: is required, was missing",
        "bad list item  | 'sizes: [1, 2e3, 3]' | 'sizes: [1, -2, 3]' | bad.yaml:8 sizes[1]: must be >= 1, was -2",
        "string number  | inter_node_gbit_per_s: 400 | inter_node_gbit_per_s: '400' | bad.yaml:7 cluster.network.inter_node_gbit_per_s: must be a number, was \"400\"",
    })
    void rejectsBadInputNamingFileLinePathRuleAndValue(String what, String from, String to, String expected) {
        assertEquals(expected, error("bad.yaml", GOOD.replace(from, to)));
    }

    @Test
    void rejectsNaNWherePresentAndNamesTheField() {
        assertTrue(error("bad.yaml", GOOD.replace("400", ".nan")).startsWith("bad.yaml:7 cluster.network.inter_node_gbit_per_s: "),
                error("bad.yaml", GOOD.replace("400", ".nan")));
        assertTrue(error("bad.json", "{\"kind\": \"test\", \"cluster\": {\"gpus\": 1, \"network\": {\"inter_node_gbit_per_s\": NaN}}}")
                .startsWith("bad.json:1 cluster.network.inter_node_gbit_per_s: "));
    }

    @Test
    void aSyntaxErrorNamesNoJavaType() {
        String e = error("trail.json", "{\"kind\": \"test\", \"cluster\": {\"gpus\": 1}} {}");
        assertTrue(e.startsWith("trail.json:1"), e);
        assertTrue(e.contains("syntax error: Trailing token"), e);
        assertFalse(e.contains("com.fasterxml") || e.contains("bound as"), e);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what is null | replaced line | replacement | expected message
        "optional key, YAML null   | 'sizes: [1, 2e3, 3]' | 'sizes: null' | bad.yaml:8 sizes: null is not allowed; remove the key to use the default [1], was null",
        "optional nested key, ~    | inter_node_gbit_per_s: 400 | 'inter_node_gbit_per_s: 400\\n    latency_seconds: ~' | bad.yaml:8 cluster.network.latency_seconds: null is not allowed; remove the key to use the default 5e-6, was null",
        "required key              | gpus: 8 | 'gpus: null' | bad.yaml:5 cluster.gpus: null is not allowed; give a value (the key is required), was null",
        "optional key, unset       | 'sizes: [1, 2e3, 3]' | 'label: ~' | bad.yaml:8 label: null is not allowed; remove the key to use its default (unset), was null",
        "list entry                | 'sizes: [1, 2e3, 3]' | 'sizes: [1, null]' | bad.yaml:8 sizes[1]: must not be empty (a list entry needs a value), was null",
        "header key                | seed: 7 | 'seed: null' | bad.yaml:3 seed: null is not allowed; remove the key to use the default seed 20240101, was null",
    })
    void rejectsNullNamingTheKeyAndTheDefaultItsRemovalGives(String what, String from, String to, String expected) {
        assertEquals(expected, error("bad.yaml", GOOD.replace(from, to.replace("\\n", "\n"))));
    }

    @Test
    void rejectsJsonNullLikeYamlNull() {
        assertEquals("bad.json:1 cluster.network.latency_seconds: null is not allowed; remove the key to use the default 5e-6, was null",
                error("bad.json", "{\"kind\": \"test\", \"cluster\": {\"gpus\": 8, \"network\": {\"inter_node_gbit_per_s\": 4, \"latency_seconds\": null}}}"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ParameterFiles.bind(
                (com.fasterxml.jackson.databind.node.ObjectNode) ParameterFiles.BINDER.readTree("{\"cluster\": null}"), TestSection.Params.class));
        assertEquals("cluster: null is not allowed; give a value (the key is required), was null", e.getMessage());
    }

    @Test
    void rejectsAnUnknownKindListingTheValidOnes() {
        assertEquals("bad.yaml:1 kind: must be one of test, was gpt", error("bad.yaml", GOOD.replace("kind: test", "kind: gpt")));
    }

    @Test
    void rejectsAMissingKind() {
        assertTrue(error("bad.yaml", GOOD.replace("kind: test\n", "")).startsWith("bad.yaml:1 kind: is required"));
    }

    @Test
    void rejectsANegativeSeed() {
        assertEquals("bad.yaml:3 seed: must be an integer >= 0, was -1", error("bad.yaml", GOOD.replace("seed: 7", "seed: -1")));
    }

    @Test
    void rejectsDuplicateKeysAndSyntaxErrors() {
        String dup = error("bad.yaml", GOOD + "seed: 8\n");
        assertTrue(dup.startsWith("bad.yaml:9") && dup.contains("seed"), dup);
        String syntax = error("bad.json", "{\"kind\": \"test\",");
        assertTrue(syntax.startsWith("bad.json:1") && syntax.contains(": syntax error: ") && !syntax.contains("\n"), syntax);
    }

    @Test
    void rejectsUnknownExtensionsAndMissingFiles() {
        assertTrue(error("bad.txt", GOOD).contains("unknown file type"));
        assertThrows(InvalidParameterException.class, () -> ParameterFiles.read(dir.resolve("none.yaml"), KINDS));
    }

    /** A number beyond any bound states the record's bound and echoes the file's text, not Infinity. */
    @Test
    void anIntegerBeyondTheRangeStatesTheBoundAndEchoesTheFile() {
        String huge = GOOD.replace("gpus: 8", "gpus: 1e400");
        assertEquals("huge.yaml:5 cluster.gpus: must be >= 1, was -1e400", error("huge.yaml", huge.replace("1e400", "-1e400")));
        // The record has no upper bound on gpus: a saturated value is rejected with the int's range, never silently bound.
        assertEquals("huge.yaml:5 cluster.gpus: must be an integer in [-2147483648, 2147483647], was 1e400",
                error("huge.yaml", huge));
        // A plain integer past the int's range is treated alike (it was "must be an integer"), and a
        // record's own bound is the one stated: sizes[] are longs, bound here by >= 1.
        assertEquals("big.yaml:5 cluster.gpus: must be an integer in [-2147483648, 2147483647], was 99999999999",
                error("big.yaml", GOOD.replace("gpus: 8", "gpus: 99999999999")));
        assertEquals("big.yaml:5 cluster.gpus: must be >= 1, was -3000000000",
                error("big.yaml", GOOD.replace("gpus: 8", "gpus: -3000000000")));
        assertEquals("sizes.yaml:8 sizes[1]: must be >= 1, was -2000", error("sizes.yaml", GOOD.replace("2e3", "-2e3")));
    }

    /** A tab is reported where it is, not at the last key read before it. */
    @Test
    void aTabIsReportedAtItsOwnLineAndColumn() {
        String m = error("tab.yaml", "kind: test\n\tname: x\n");
        assertTrue(m.startsWith("tab.yaml:2:1 (root): syntax error: "), m);
        assertTrue(m.contains("TAB"), m);
    }
}
