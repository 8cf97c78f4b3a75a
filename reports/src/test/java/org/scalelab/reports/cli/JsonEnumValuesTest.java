package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.report.io.Json;
import picocli.CommandLine;

/**
 * Every JSON ScaleLab prints or writes spells enum values like its keys, in snake_case
 * ({@code memory_bound}, not {@code MEMORY_BOUND}): the {@code --format json} output of every
 * subcommand that has one, and the {@code result.json} of {@code run}. The constants checked are
 * those of every enum on the class path under {@code org.scalelab}.
 */
class JsonEnumValuesTest {
    /** A working command line for every subcommand with {@code --format}. */
    static final Map<String, String> COMMANDS = Map.ofEntries(
            Map.entry("plan", "plan --params 7e9 --tokens 1.4e11 --gpus 64 --gpu h100-sxm --seq 4096 --replications 4 --out %OUT%/plan"),
            Map.entry("run", "run ../examples/memory-70b-h100-tp-pp.yaml ../examples/scaling-budgets.yaml --out %OUT%/run"),
            Map.entry("scaling loss", "scaling loss --params 70e9 --tokens 1.4e12 --law epoch"),
            Map.entry("scaling optimal", "scaling optimal --compute-flops 5.76e23 --law epoch"),
            Map.entry("scaling fit", "scaling fit --data synthetic-isoflop --approach all --bootstrap 0"),
            Map.entry("memory", "memory --model llama3-8b --recipe torch-amp-bf16 --flash-attention --dp 8 --zero 1"),
            Map.entry("memory max-model", "memory max-model --gpu-memory-gb 32 --dp 64 --zero 3"),
            Map.entry("memory deepspeed", "memory deepspeed --params 2851e6 --largest-layer-params 32e6 --gpus-per-node 8 --nodes 1 --zero 3"),
            Map.entry("cluster collective", "cluster collective --op all-to-all --ranks 16 --gpus-per-node 8 --bytes 1e9 --bandwidth-gb-per-s 450 --inter-node-bandwidth-gb-per-s 12.5"),
            Map.entry("cluster checkpoint-interval", "cluster checkpoint-interval --mtbf-hours 24 --checkpoint-seconds 300 --restart-seconds 600"),
            Map.entry("cluster simulate", "cluster simulate --mtbf-hours 3 --checkpoint-seconds 60 --restart-seconds 600 --interval daly --days 5 --replications 20"),
            Map.entry("cluster step", "cluster step --model llama3-8b --gpu h100-sxm --gpus 8 --seq 8192 --micro-batch 1 --recompute full --pp 2 --grad-accum 8"),
            Map.entry("kernels devices", "kernels devices"),
            Map.entry("kernels run", "kernels run --kernels ikj --devices java --sizes 32 --repeats 1 --out %OUT%/kernels"));

    /**
     * Need Apache Spark, which only the sweeps module's class path carries; demo runs the examples
     * through the same sections as {@code run}, and a sweep's points through the same writer.
     */
    static final Set<String> NEED_SPARK = Set.of("demo", "sweep");

    @TempDir
    Path dir;

    @Test
    void everyJsonOutputSpellsEnumValuesInSnakeCase() throws Exception {
        Set<String> enumNames = enumConstantNames();
        assertTrue(enumNames.contains("MEMORY_BOUND"), "the class path scan found the step model's op kinds");
        assertEquals(new TreeSet<>(COMMANDS.keySet()), commandsWithFormat(), "a command line for every subcommand with --format");
        ObjectMapper read = new ObjectMapper();
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, String> c : COMMANDS.entrySet()) {
            List<String> args = new ArrayList<>(Arrays.asList(c.getValue().replace("%OUT%", dir.toString()).split(" ")));
            args.addAll(List.of("--format", "json"));
            OptionFuzzTest.Outcome r = OptionFuzzTest.run(args);
            assertEquals(0, r.code(), c.getKey() + ": " + r.err());
            scan(c.getKey(), read.readTree(r.out()), "", enumNames, bad);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path json : s.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                scan(dir.relativize(json).toString(), read.readTree(json.toFile()), "", enumNames, bad);
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void theWriterSpellsEnumValuesAndMapKeysInSnakeCase() {
        record Op(org.scalelab.cluster.step.StepOp.Kind kind, Map<org.scalelab.cluster.sim.TimeCategory, Integer> seconds) { }
        String json = Json.write(new Op(org.scalelab.cluster.step.StepOp.Kind.MEMORY_BOUND,
                Map.of(org.scalelab.cluster.sim.TimeCategory.PIPELINE_BUBBLE, 3)));
        assertEquals("{\n  \"kind\" : \"memory_bound\",\n  \"seconds\" : {\n    \"pipeline_bubble\" : 3\n  }\n}", json);
    }

    private static void scan(String where, JsonNode node, String path, Set<String> enumNames, List<String> bad) {
        if (node.isObject()) {
            for (var it = node.fields(); it.hasNext();) {
                var e = it.next();
                if (enumNames.contains(e.getKey())) {
                    bad.add(where + " " + path + ": key " + e.getKey());
                }
                scan(where, e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), enumNames, bad);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scan(where, node.get(i), path + "[" + i + "]", enumNames, bad);
            }
        } else if (node.isTextual() && enumNames.contains(node.asText())) {
            bad.add(where + " " + path + " = " + node.asText());
        }
    }

    private static Set<String> commandsWithFormat() {
        Set<String> out = new TreeSet<>();
        collect(ScaleLab.commandLine(), "", out);
        out.removeAll(NEED_SPARK);
        return out;
    }

    private static void collect(CommandLine cl, String prefix, Set<String> out) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            String name = (prefix + " " + e.getKey()).strip();
            if (e.getValue().getCommandSpec().findOption("--format") != null) {
                out.add(name);
            }
            collect(e.getValue(), name, out);
        }
    }

    /** The names of the constants of every enum under org.scalelab on the class path that are not already lower case. */
    static Set<String> enumConstantNames() throws IOException {
        Set<String> names = new HashSet<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            List<String> classes = new ArrayList<>();
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.map(f -> p.relativize(f).toString().replace(java.io.File.separatorChar, '/')).forEach(classes::add);
                }
            } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().map(java.util.zip.ZipEntry::getName).forEach(classes::add);
                }
            }
            for (String c : classes) {
                if (!c.startsWith("org/scalelab/") || !c.endsWith(".class") || c.contains("Test")) {
                    continue;
                }
                try {
                    Class<?> k = Class.forName(c.substring(0, c.length() - 6).replace('/', '.'), false,
                            JsonEnumValuesTest.class.getClassLoader());
                    if (k.isEnum()) {
                        for (Object o : k.getEnumConstants()) {
                            String n = ((Enum<?>) o).name();
                            if (!n.equals(n.toLowerCase(java.util.Locale.ROOT))) {
                                names.add(n);
                            }
                        }
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class that cannot load here (an optional dependency) holds no enum we print
                }
            }
        }
        return names;
    }
}
