package org.scalelab.reports.cli;

import java.util.ArrayList;
import java.util.List;
import org.scalelab.common.Suggestions;
import picocli.CommandLine;
import org.scalelab.reports.Version;

/**
 * What every command's help shows, set once for the whole tree: the version on every
 * subcommand's {@code --version}, and examples that can be pasted (shown as {@code ./scalelab ...},
 * broken with {@code \} before the help width instead of wrapped mid-word by picocli).
 */
public final class HelpText {
    /** Help lines are at most this wide (picocli's default usage width). */
    public static final int WIDTH = 80;

    private HelpText() {}

    /** Applies the version provider and pasteable examples to {@code cl} and all its subcommands. */
    public static void apply(CommandLine cl) {
        cl.getCommandSpec().versionProvider(new Version());
        String[] footer = cl.getCommandSpec().usageMessage().footer();
        List<String> lines = new ArrayList<>();
        for (String line : footer) {
            lines.addAll(example(line));
        }
        cl.getCommandSpec().usageMessage().footer(lines.toArray(String[]::new));
        cl.setHelpFactory(HelpText::help);
        cl.getSubcommands().values().forEach(HelpText::apply);
    }

    /**
     * picocli's help, except that an option's long names are listed in the order declared: the
     * canonical name first, then its kept aliases ({@code --peak-tflop-per-s, --peak-tflops}), where
     * picocli would put the shortest, the alias, first.
     */
    private static CommandLine.Help help(CommandLine.Model.CommandSpec spec, CommandLine.Help.ColorScheme scheme) {
        return new CommandLine.Help(spec, scheme) {
            @Override
            public CommandLine.Help.IOptionRenderer createDefaultOptionRenderer() {
                CommandLine.Help.IOptionRenderer picocli = super.createDefaultOptionRenderer();
                return (option, labels, cs) -> {
                    CommandLine.Help.Ansi.Text[][] rows = picocli.render(option, labels, cs);
                    boolean longOnly = java.util.Arrays.stream(option.names()).allMatch(n -> n.startsWith("--"));
                    if (option.names().length > 1 && longOnly && rows.length > 0 && rows[0].length > 3) {
                        rows[0][3] = cs.optionText(String.join(", ", option.names()))
                                .concat(labels.renderParameterLabel(option, cs.ansi(), cs.optionParamStyles()));
                    }
                    return rows;
                };
            }
        };
    }

    /** A footer line; an example command comes back as ./scalelab lines of at most WIDTH - 1 characters joined by {@code \}. */
    static List<String> example(String line) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("scalelab ") && !trimmed.startsWith("./scalelab ")) {
            return List.of(line);
        }
        String cmd = trimmed.startsWith("./") ? trimmed : "./" + trimmed;
        // groups: an option with its values (or a redirection with its file); lines break only between groups
        List<String> groups = new ArrayList<>();
        for (String word : cmd.split(" ")) {
            boolean starts = word.startsWith("-") || word.startsWith(">") || groups.isEmpty();
            if (starts || groups.get(groups.size() - 1).startsWith("./")) {
                groups.add(word);
            } else {
                groups.set(groups.size() - 1, groups.get(groups.size() - 1) + " " + word);
            }
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder("  ");
        for (String g : groups) {
            if (cur.toString().isBlank()) {
                cur.append(g);
            } else if (cur.length() + 1 + g.length() + 2 > WIDTH - 1) {
                out.add(cur + " \\");
                cur = new StringBuilder("      ").append(g);
            } else {
                cur.append(' ').append(g);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** "did you mean ...?" for an unknown option or subcommand, or null. */
    public static String didYouMean(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return null;
        }
        String typed = u.getUnmatched().get(0);
        CommandLine.Model.CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> names = new ArrayList<>();
        if (typed.startsWith("-")) {
            String option = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            spec.options().forEach(o -> names.addAll(List.of(o.names())));
            return Suggestions.didYouMean(option, names);
        }
        names.addAll(spec.subcommands().keySet());
        return Suggestions.didYouMean(typed, names);
    }
}
