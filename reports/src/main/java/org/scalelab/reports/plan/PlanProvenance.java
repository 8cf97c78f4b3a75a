package org.scalelab.reports.plan;

import java.util.Locale;
import org.scalelab.planner.Plan;
import org.scalelab.report.cli.Provenance;

/**
 * Where each number of a plan came from, read from the plan's own {@code choices} ("key: how"), so
 * the plan page ({@link PlanReport}) and the command-line table say the same thing.
 */
final class PlanProvenance {
    private PlanProvenance() {}

    /** The plan's account of {@code key}: the last choice that names it, else "computed". */
    static String choice(Plan p, String key) {
        String found = Provenance.COMPUTED;
        for (String c : p.choices()) {
            if (c.startsWith(key + ":")) {
                found = c.substring(key.length() + 1).trim();
            } else if (c.startsWith("params and tokens:") && (key.equals("params") || key.equals("tokens"))) {
                found = c.substring("params and tokens:".length()).trim();
            }
        }
        return found;
    }

    /**
     * The label of a checkpoint interval the user gave, which the plan rounds to whole steps:
     * {@code computed: 600 s given, rounded to 46 whole steps}.
     */
    static String interval(double givenSeconds, Plan p) {
        long steps = Math.max(1, Math.round(p.checkpointIntervalSeconds() / p.stepSeconds()));
        return Provenance.COMPUTED + ": " + org.scalelab.common.Check.format(givenSeconds) + " s given, rounded to " + steps
                + " whole steps";
    }

    /**
     * {@code options} (what the command line gave) completed with the plan's choices, presets,
     * assumptions and simulation; {@code givenInterval} is the checkpoint interval the user gave, s, or null.
     */
    static Provenance of(Plan p, Provenance options, Double givenInterval) {
        for (String c : p.choices()) {
            int colon = c.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = c.substring(0, colon);
            String label = kind(choice(p, key.equals("params and tokens") ? "params" : key));
            switch (key) {
                case "params and tokens" -> {
                    options.put("params", label);
                    options.put("tokens", label);
                }
                case "shape" -> options.put("model", shape(choice(p, "shape")));
                default -> options.put(key, label);
            }
        }
        // the batch used is the target rounded to whole sequences per replica, even when the target was given
        options.put("global_batch_tokens", Provenance.COMPUTED + ": the target rounded to DP x micro-batch sequences");
        if (!options.given("gpu")) {
            options.put("gpu", Provenance.assumed("default " + p.gpu()));
        }
        options.put("gpu_memory_bytes", Provenance.preset(p.gpu() + " data sheet, as the driver reports it"));
        options.seed(p.seed(), false);
        // the layout is searched; a pinned part (--tp) is labelled given by the option's name
        options.put("layout", Provenance.COMPUTED);
        if (p.interruptions() != null && givenInterval != null) {
            // a given interval is rounded to whole steps: what the plan prints is computed from it
            options.put("checkpoint_interval_seconds", interval(givenInterval, p));
        }
        if (p.interruptions() != null) {
            String simulated = String.format(Locale.ROOT, "%s: discrete-event run, %d replications, seed %d",
                    Provenance.SIMULATED, p.replications(), p.seed());
            for (String k : new String[] {"ettr", "wall_days", "wall_days_ci", "gpu_hours", "interruptions"}) {
                options.put(k, simulated);
            }
            if (!options.given("replications")) {
                options.put("replications", Provenance.assumed("default " + p.replications()));
            }
        } else {
            options.put("replications", Provenance.assumed("none: failure-free (no_failures)"));
        }
        return options;
    }

    /** The shape's label, short enough for every row of the model table: its name; the rule is in the choices. */
    private static String shape(String text) {
        if (text.startsWith(Provenance.GIVEN)) {
            return Provenance.GIVEN;
        }
        String name = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
        return (text.contains("preset") ? Provenance.preset(name) : Provenance.COMPUTED + ": " + name) + " (see choices: shape)";
    }

    /** A choice's text as the page's kinds: given, preset, assumed (a default) or computed. */
    static String kind(String text) {
        if (text.startsWith(Provenance.GIVEN) || text.startsWith(Provenance.COMPUTED)) {
            return text;
        }
        if (text.startsWith("default")) {
            return Provenance.assumed(text);
        }
        if (text.contains("preset")) {
            return Provenance.preset(text);
        }
        return Provenance.COMPUTED + ": " + text;
    }
}
