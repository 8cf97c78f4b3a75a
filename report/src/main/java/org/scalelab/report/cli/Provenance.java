package org.scalelab.report.cli;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Where each quantity of a result came from, in the words the HTML pages use: {@code given} (on the
 * command line or in the file), {@code preset: <source>}, {@code assumed: <source>} (a default),
 * {@code computed[: how]} or {@code simulated[: how]}. The table's source column reads it; JSON never
 * carries it, so machine-readable output stays the result record alone.
 *
 * <p>Keys are the result's JSON keys; a nested key is dotted ({@code model.layers}) and falls back to
 * its parent ({@code model}) when the command labelled the parent. {@link #of(CommandSpec)} labels every
 * option's key: {@code given} when it was on the command line (or in the file the command runs),
 * {@code assumed: default X} when picocli filled in its default, {@code assumed: default false} for a
 * flag left out. A quantity the user gave is {@code given} wherever the result prints it: under its
 * option's name at any depth ({@code layout.tp} for {@code --tp}), in another unit of the same
 * dimension ({@code gpu_memory_bytes} for {@code --gpu-memory-gb} or {@code --gpu-memory-gib}) and
 * under the result's name for it ({@code param_count} for {@code --params}). An option's label never
 * passes to the keys below it: what a command derives from a given input is not given. A command adds
 * what only it knows ({@link #put}, {@link #defaulted}, {@link #seed}) and, for a nested object whose
 * keys carry no unit, that unit ({@link #unit}).
 */
public final class Provenance {
    public static final String GIVEN = "given";
    public static final String COMPUTED = "computed";
    public static final String SIMULATED = "simulated";

    /** Options that shape the output, not the answer. */
    private static final Set<String> NOT_INPUTS = Set.of("format", "out", "help", "version", "full");

    /** Result keys that name an option's quantity under another name: result key -> option key. */
    private static final Map<String, String> SAME_QUANTITY = Map.of("param_count", "params", "active_param_count", "active_params");

    /** Unit suffixes of one dimension: a given quantity keeps its label in any of them. */
    private static final List<Set<String>> DIMENSIONS = List.of(Set.of("_bytes", "_gb", "_gib"),
            Set.of("_seconds", "_hours", "_days"), Set.of("_gb_per_s", "_gbit_per_s"));

    private final Map<String, String> labels = new LinkedHashMap<>();
    /** Keys labelled from the command line's options (not by the command): they do not label keys below them. */
    private final Set<String> options = new HashSet<>();
    private final Map<String, String> units = new LinkedHashMap<>();

    /** No known provenance: every number is "computed" unless the result names its own source. */
    public static Provenance none() {
        return new Provenance();
    }

    /** "given" for each option the user typed, "assumed: default X" for each option picocli defaulted. */
    public static Provenance of(CommandSpec spec) {
        Provenance p = new Provenance();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (OptionSpec o : spec.options()) {
            String name = o.longestName();
            if (!name.startsWith("--")) {
                continue;
            }
            String key = name.substring(2).replace('-', '_').toLowerCase(Locale.ROOT);
            if (NOT_INPUTS.contains(key)) {
                continue;
            }
            if (parsed != null && parsed.hasMatchedOption(o)) {
                p.labels.put(key, GIVEN);
            } else if (o.defaultValue() != null) {
                p.labels.put(key, assumed("default " + o.defaultValue()));
            } else if (o.arity().max() == 0 && (o.type() == boolean.class || o.type() == Boolean.class)) {
                p.labels.put(key, assumed("default false")); // a flag left out
            } else {
                continue;
            }
            p.options.add(key);
        }
        return p;
    }

    /**
     * Labels {@code key} {@code assumed: default <value>} unless it was given: for an option whose
     * default the command resolves itself (picocli knows none), such as a recipe or a seed.
     */
    public Provenance defaulted(String key, Object value) {
        if (!given(key)) {
            put(key, assumed("default " + value));
        }
        return this;
    }

    /**
     * The seed's label, the same words in every command: {@code given} on the command line or as the
     * parameter file's {@code seed:}, else {@code assumed: default <seed>}.
     *
     * @param seed     the seed the run used
     * @param fromFile whether the parameter file named it
     */
    public Provenance seed(long seed, boolean fromFile) {
        return fromFile && !given("seed") ? put("seed", GIVEN + " (the file's seed)") : defaulted("seed", seed);
    }

    /** "preset: source". */
    public static String preset(String source) {
        return "preset: " + source;
    }

    /** "assumed: source". */
    public static String assumed(String source) {
        return "assumed: " + source;
    }

    /** Sets the label of {@code key} (dotted for a nested key); returns this. */
    public Provenance put(String key, String label) {
        labels.put(key, label);
        options.remove(key);
        return this;
    }

    /** Whether {@code key} was given on the command line. */
    public boolean given(String key) {
        return GIVEN.equals(labels.get(key));
    }

    /** Declares that the numbers under the nested object {@code key} are in {@code unitSuffix} ("_seconds"). */
    public Provenance unit(String key, String unitSuffix) {
        units.put(key, unitSuffix);
        return this;
    }

    /** The label of a dotted key (see {@link #label(String, String)}), its unit read from its name. */
    String label(String dottedKey) {
        return label(dottedKey, dottedKey.substring(dottedKey.lastIndexOf('.') + 1));
    }

    /**
     * The label of a dotted key: its own; else {@code given} when an option the user gave names the
     * same quantity ({@code unitKey} is the key's last part with the unit it prints in); else the
     * label the command gave its nearest parent; else null.
     */
    String label(String dottedKey, String unitKey) {
        String own = labels.get(dottedKey);
        if (own != null) {
            return own;
        }
        String given = givenQuantity(unitKey);
        if (given != null) {
            return given;
        }
        String k = dottedKey;
        for (int dot = k.lastIndexOf('.'); dot >= 0; dot = k.lastIndexOf('.')) {
            k = k.substring(0, dot);
            String l = labels.get(k);
            if (l != null && !options.contains(k)) {
                return l;
            }
        }
        return null;
    }

    /** {@code given} when a given option names the quantity of {@code key}, in any unit of its dimension. */
    private String givenQuantity(String key) {
        String named = SAME_QUANTITY.getOrDefault(key, key);
        String unit = HumanTable.unit(named);
        for (String option : options) {
            if (!GIVEN.equals(labels.get(option))) {
                continue;
            }
            String u = HumanTable.unit(option);
            boolean same = option.equals(named) || !base(option, u).isEmpty() && base(option, u).equals(base(named, unit));
            if (same && sameDimension(u, unit)) {
                return GIVEN;
            }
        }
        return null;
    }

    /** The key without its unit suffix ("gpu_memory" of "gpu_memory_gb"); "" for a bare unit ("bytes"). */
    private static String base(String key, String unit) {
        return key.endsWith(unit) ? key.substring(0, key.length() - unit.length()) : "";
    }

    private static boolean sameDimension(String a, String b) {
        return a.equals(b) || DIMENSIONS.stream().anyMatch(d -> d.contains(a) && d.contains(b));
    }

    /** The unit suffix declared for a nested object, or "". */
    String unitOf(String dottedKey) {
        return units.getOrDefault(dottedKey, "");
    }
}
