package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What the help of every command tells a new user: defaults, whole sentences, examples that paste. */
class HelpDefaultsTest {
    /** Commands that compute nothing themselves: the runners of parameter files and the help. */
    private static final Set<String> NOT_COMPUTING = Set.of("scalelab", "scalelab help", "scalelab run", "scalelab demo");

    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(ScaleLab.commandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandSpec> into) {
        into.add(cl.getCommandSpec());
        cl.getSubcommands().values().forEach(c -> collect(c, into));
    }

    @Test
    void everyOptionOfAComputingCommandStatesItsDefaultOrThatItIsRequired() {
        List<String> missing = new ArrayList<>();
        for (CommandSpec spec : commands()) {
            boolean group = spec.options().stream().allMatch(o -> o.usageHelp() || o.versionHelp());
            if (group || NOT_COMPUTING.contains(spec.qualifiedName())) {
                continue;
            }
            for (OptionSpec o : spec.options()) {
                if (o.usageHelp() || o.versionHelp() || o.hidden() || o.arity().max() == 0) {
                    continue; // flags are off unless given
                }
                String text = String.join(" ", o.description()).toLowerCase(Locale.ROOT);
                // what the user reads: picocli's synopsis shows a required option unbracketed, which few notice
                boolean stated = o.required() ? text.contains("required") : text.contains("default") || text.contains("required");
                if (!stated) {
                    missing.add(spec.qualifiedName() + " " + o.longestName());
                }
            }
        }
        assertEquals(List.of(), missing, "options whose help states neither a default nor that they are required");
    }

    /** A kept alias is shown as one, after the canonical name (picocli lists the shortest name first). */
    @Test
    void theCanonicalNameComesBeforeItsAlias() {
        String help = ScaleLab.commandLine().getSubcommands().get("cluster").getSubcommands().get("step").getUsageMessage();
        assertTrue(help.contains("--peak-tflop-per-s, --peak-tflops=F"), help);
    }

    /** plan and cluster step lay out a job with the same defaults, and their help says so in the same words. */
    @Test
    void sharedLayoutOptionsReadTheSameInEveryCommand() {
        CommandLine cl = ScaleLab.commandLine();
        CommandSpec plan = cl.getSubcommands().get("plan").getCommandSpec();
        CommandSpec step = cl.getSubcommands().get("cluster").getSubcommands().get("step").getCommandSpec();
        for (String name : List.of("--gpus-per-node", "--nvlink-latency-us", "--inter-node-latency-us")) {
            String p = String.join(" ", plan.findOption(name).description());
            assertEquals(String.join(" ", step.findOption(name).description()), p, name);
            assertTrue(p.contains("(assumed"), name + ": " + p);
        }
    }

    @Test
    void theCommandListShowsWholeSentences() {
        for (CommandSpec spec : commands()) {
            String[] d = spec.usageMessage().description();
            if (d.length > 0) {
                // the parent's command list shows the first line only
                assertTrue(d[0].strip().endsWith("."), spec.qualifiedName() + ": first description line is cut: " + d[0]);
            }
        }
    }

    @Test
    void verbatimFooterLinesFitTheHelpWidth() {
        for (CommandSpec spec : commands()) {
            for (String line : spec.usageMessage().footer()) {
                // picocli wraps a longer line wherever it reaches the width, even inside a class name
                if (line.startsWith(" ")) {
                    assertTrue(line.length() <= HelpText.WIDTH - 1, spec.qualifiedName() + ": footer line wider than the help: " + line);
                }
            }
        }
    }
}
