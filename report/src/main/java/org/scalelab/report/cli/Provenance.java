package org.scalelab.report.cli;

import java.util.LinkedHashMap;
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
 * its parent ({@code model}). {@link #of(CommandSpec)} labels every option's key: {@code given} when
 * it was on the command line, {@code assumed: default X} when picocli filled in its default. A
 * command adds what only it knows ({@link #put}) and, for a nested object whose keys carry no unit,
 * that unit ({@link #unit}).
 */
public final class Provenance {
    public static final String GIVEN = "given";
    public static final String COMPUTED = "computed";
    public static final String SIMULATED = "simulated";

    /** Options that shape the output, not the answer. */
    private static final Set<String> NOT_INPUTS = Set.of("format", "out", "help", "version", "full");

    private final Map<String, String> labels = new LinkedHashMap<>();
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
            }
        }
        return p;
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

    /** The label of a dotted key, else of its nearest labelled parent, else null. */
    String label(String dottedKey) {
        String k = dottedKey;
        while (true) {
            String l = labels.get(k);
            if (l != null) {
                return l;
            }
            int dot = k.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            k = k.substring(0, dot);
        }
    }

    /** The unit suffix declared for a nested object, or "". */
    String unitOf(String dottedKey) {
        return units.getOrDefault(dottedKey, "");
    }
}
