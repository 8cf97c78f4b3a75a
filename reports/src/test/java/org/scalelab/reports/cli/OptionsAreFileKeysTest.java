package org.scalelab.reports.cli;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.report.params.ParameterFile;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One input path per domain: every option of a computing subcommand is a key of its kind's
 * parameter file, named the same in snake_case, and where both have a default it is the same.
 * Commands and options are enumerated from the command line itself, so a new option fails here
 * until its key exists (or it is listed below with the reason).
 */
class OptionsAreFileKeysTest {

    /** Each computing subcommand and the kind whose file holds its inputs. */
    private static final Map<String, String> KIND_OF = Map.ofEntries(
            entry("scaling optimal", "scaling"), entry("scaling loss", "scaling"), entry("scaling fit", "scaling-fit"),
            entry("memory", "memory"), entry("memory max-model", "memory"), entry("memory deepspeed", "memory"),
            entry("cluster collective", "cluster"), entry("cluster step", "cluster"),
            entry("cluster checkpoint-interval", "cluster"), entry("cluster simulate", "cluster"),
            entry("kernels run", "kernels"), entry("plan", "plan"));

    /** Commands that compute nothing of their own: they run files, list devices or print help. */
    private static final Set<String> NOT_COMPUTING = Set.of("run", "demo", "sweep", "kernels devices", "help",
            "scaling", "cluster", "kernels"); // the groups only list their subcommands

    /** Options that change how or where a result is shown, or how fast it is computed, never what it is. */
    private static final Set<String> PRESENTATION = Set.of(
            "--format",       // the same result as a table, JSON or CSV
            "--out",          // the folder the report is written to
            "--help", "--version",
            "--threads",      // simulations and kernels runs are deterministic for a seed at any thread count
            "--seed");        // the file's top-level `seed:` (beside kind and name), not a key of the kind's record

    /**
     * Options whose key the kind's file does not have yet: gaps to close by adding the key to the
     * kind's record, listed so that the test holds every other option to the rule. The test also
     * fails when a listed option gains its key, so this list only shrinks.
     */
    private static final Set<String> NO_KEY_YET = Set.of();

    /**
     * Options whose key is not their longest name in snake_case, by the key's path in the kind's
     * record (snake_case); the path must exist and the defaults are compared there.
     */
    private static final Map<String, String> RENAMED = Map.of(
            // the model: block of kind: cluster names its preset preset: (model: is the block itself)
            "cluster step --model", "model.preset",
            // the option's first name is --nvlink-gb-per-s, its key's name; --bandwidth-gb-per-s is the older alias
            "cluster collective --bandwidth-gb-per-s", "collective.nvlink_gb_per_s",
            // the older option in GB/s for the inter-node link, whose one key is in Gbit/s (x 8)
            "cluster collective --inter-node-bandwidth-gb-per-s", "collective.inter_node_gbit_per_s");

    /** Options whose default differs from their key's, listed as gaps like {@link #NO_KEY_YET}. */
    private static final Set<String> DEFAULT_DIFFERS_YET = Set.of();

    /**
     * Commands whose options are read from a block of their kind's file first, where a key of the
     * same name sits both there and elsewhere; their defaults are compared on the minimal file with an
     * empty or smallest such block ({@code MINIMAL}'s "kind-block"). {@code memory deepspeed
     * --gpus-per-node} is DeepSpeed's {@code num_gpus_per_node} (default 1, as DeepSpeed's), the
     * {@code deepspeed:} block's key, while the top-level {@code gpus_per_node} is the GPUs sharing a
     * node's host memory (default 8, a DGX H100).
     */
    private static final Map<String, String> BLOCK_OF = Map.of("memory deepspeed", "deepspeed", "cluster collective", "collective");

    /**
     * The smallest valid file of each kind whose defaults are compared: only the keys the kind
     * requires, whose values are then not defaults and are not compared.
     */
    private static final Map<String, String> MINIMAL = Map.of(
            "scaling", "kind: scaling\nbudgets_flops: [1.0e+24]\n",
            "scaling-fit", "kind: scaling-fit\ndataset: epoch-chinchilla\n",
            "memory", "kind: memory\nparams: 1.0e+9\n",
            "memory-deepspeed", "kind: memory\nparams: 1.0e+9\ndeepspeed: {}\n",
            "cluster", "kind: cluster\ndays: 1\nmodel: {preset: gpt3-175b}\ntraining: {seq: 2048}\ncluster: {gpus: 64}\n"
                    + "failures: {table: llama3}\ncheckpoint: {storage_write_gb_per_s: 100}\n",
            "cluster-what-if", "kind: cluster\ndays: 1\nwhat_if: {mtbf_hours: 10, checkpoint_seconds: 60}\n",
            "cluster-collective", "kind: cluster\ncollective: {op: all-reduce, ranks: 8, bytes: 1.0e+9, nvlink_gb_per_s: 450}\n",
            "kernels", "kind: kernels\nruns:\n  - {sizes: [8]}\n",
            "plan", "kind: plan\ngpus: 64\n");

    /** The commands whose options read the what-if block of kind: cluster. */
    private static final Set<String> WHAT_IF = Set.of("cluster checkpoint-interval", "cluster simulate");

    @Test
    void everyCommandIsClassified() {
        List<String> unknown = new ArrayList<>();
        commands(ScaleLab.commandLine(), "", new LinkedHashMap<>()).keySet().stream()
                .filter(c -> !KIND_OF.containsKey(c) && !NOT_COMPUTING.contains(c)).forEach(unknown::add);
        assertEquals(List.of(), unknown, "new subcommands: map them to their kind in KIND_OF, or to NOT_COMPUTING");
    }

    @Test
    void everyOptionIsAKeyOfItsKindWithTheSameDefault(@TempDir Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> stillMissing = new TreeSet<>();
        Set<String> stillDiffering = new TreeSet<>();
        for (Map.Entry<String, CommandLine> c : commands(ScaleLab.commandLine(), "", new LinkedHashMap<>()).entrySet()) {
            String kind = KIND_OF.get(c.getKey());
            if (kind == null) {
                continue;
            }
            Map<String, List<String>> keys = new LinkedHashMap<>();
            keys(Sections.KINDS.parameterType(kind), "", keys);
            String block = BLOCK_OF.get(c.getKey());
            String minimal = WHAT_IF.contains(c.getKey()) ? "cluster-what-if" : block != null ? kind + "-" + block : kind;
            Object bound = MINIMAL.containsKey(minimal) ? bind(dir, minimal) : null;
            for (OptionSpec o : c.getValue().getCommandSpec().options()) {
                String option = o.longestName();
                String id = c.getKey() + " " + option;
                if (PRESENTATION.contains(option)) {
                    continue;
                }
                String key = option.substring(2).replace('-', '_');
                List<String> paths = keys.get(key);
                if (RENAMED.containsKey(id)) {
                    String path = RENAMED.get(id);
                    key = path.substring(path.lastIndexOf('.') + 1);
                    paths = keys.getOrDefault(key, List.of()).stream().filter(k -> snakePath(k).equals(path)).toList();
                    if (paths.isEmpty()) {
                        problems.add(id + ": renamed to " + path + ", which kind: " + kind + " does not have");
                        continue;
                    }
                }
                if (paths == null) {
                    if (NO_KEY_YET.contains(id)) {
                        stillMissing.add(id);
                    } else {
                        problems.add(id + ": no key '" + key + "' in kind: " + kind);
                    }
                    continue;
                }
                if (o.defaultValue() == null || bound == null || MINIMAL.get(minimal).contains(key + ":")) {
                    continue;
                }
                Object fileDefault = firstNonNull(bound, block == null ? paths : blockFirst(block, paths));
                if (fileDefault != null && !same(o.defaultValue(), fileDefault)) {
                    if (DEFAULT_DIFFERS_YET.contains(id)) {
                        stillDiffering.add(id);
                    } else {
                        problems.add(id + ": default " + o.defaultValue() + ", but " + key + " defaults to " + fileDefault);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(new TreeSet<>(NO_KEY_YET), stillMissing, "options listed in NO_KEY_YET that now have their key: unlist them");
        assertEquals(new TreeSet<>(DEFAULT_DIFFERS_YET), stillDiffering, "DEFAULT_DIFFERS_YET entries that now agree: unlist them");
    }

    private static Map<String, CommandLine> commands(CommandLine cl, String path, Map<String, CommandLine> out) {
        if (!path.isEmpty()) {
            out.put(path, cl);
        }
        cl.getSubcommands().forEach((name, sub) -> commands(sub, (path + " " + name).trim(), out));
        return out;
    }

    /** Every value key of a record type by its last name, with the record paths that lead to it. */
    private static void keys(Class<?> type, String prefix, Map<String, List<String>> out) {
        for (RecordComponent rc : type.getRecordComponents()) {
            String key = snake(rc.getName());
            Class<?> t = rc.getType();
            boolean block = t.isRecord() || List.class.isAssignableFrom(t) && rc.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord();
            if (!block) { // a block (model:, training:, runs:) holds keys; it is not a value an option can set
                out.computeIfAbsent(key, k -> new ArrayList<>()).add(prefix + rc.getName());
            }
            if (t.isRecord()) {
                keys(t, prefix + rc.getName() + ".", out);
            } else if (List.class.isAssignableFrom(t) && rc.getGenericType() instanceof ParameterizedType p
                    && p.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord()) {
                keys(e, prefix + rc.getName() + "[0].", out);
            }
        }
    }

    private static String snakePath(String camelPath) {
        return String.join(".", java.util.Arrays.stream(camelPath.split("\\.")).map(OptionsAreFileKeysTest::snake).toList());
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static Object bind(Path dir, String name) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, MINIMAL.get(name), StandardCharsets.UTF_8);
        ParameterFile parsed = Sections.read(file);
        return parsed.parameters();
    }

    /** The paths under {@code block} first, then the others. */
    private static List<String> blockFirst(String block, List<String> paths) {
        List<String> ordered = new ArrayList<>(paths.stream().filter(p -> p.startsWith(block + ".")).toList());
        paths.stream().filter(p -> !p.startsWith(block + ".")).forEach(ordered::add);
        return ordered;
    }

    /** The value at the first path that leads to one (a key can sit in several blocks). */
    private static Object firstNonNull(Object root, List<String> paths) throws Exception {
        for (String path : paths) {
            Object v = root;
            for (String part : path.split("\\.")) {
                if (v == null) {
                    break;
                }
                boolean first = part.endsWith("[0]");
                String name = first ? part.substring(0, part.length() - 3) : part;
                v = v.getClass().getMethod(name).invoke(v);
                if (first && v instanceof List<?> l) {
                    v = l.isEmpty() ? null : l.get(0);
                }
            }
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** Whether an option's default string and a bound value are the same value (numbers compared as numbers). */
    private static boolean same(String option, Object value) {
        if (value instanceof List<?> list) {
            String[] parts = option.split(",", -1);
            if (parts.length != list.size()) {
                return false;
            }
            for (int i = 0; i < parts.length; i++) {
                if (!same(parts[i].trim(), list.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof Number n) {
            try {
                return Double.parseDouble(option) == n.doubleValue();
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return option.equals(String.valueOf(value));
    }
}
