package org.scalelab.reports.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.cli.OutDirOptions;
import org.scalelab.reports.cluster.ClusterCommand;
import org.scalelab.reports.kernels.KernelsCommand;
import org.scalelab.reports.memory.MemoryCommand;
import org.scalelab.reports.plan.PlanCommand;
import org.scalelab.reports.scaling.ScalingCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.scalelab.report.cli.NumberConverters;
import org.scalelab.reports.Version;

/**
 * The {@code scalelab} command. Exit codes: 0 success, 2 bad input (one line on stderr naming the
 * field and the rule), 1 internal failure.
 */
@Command(name = "scalelab", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Plan large training runs: scaling laws, GPU memory, cluster simulation and matrix-multiply kernels.",
        subcommands = {PlanCommand.class, RunCommand.class, DemoCommand.class, ScalingCommand.class, MemoryCommand.class,
            ClusterCommand.class, KernelsCommand.class, org.scalelab.reports.sweep.SweepCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  ./scalelab plan --params 405e9 --tokens 15.6e12 --gpus 16384 --gpu h100-sxm --seq 8192",
            "  ./scalelab demo", "  ./scalelab run examples/scaling-budgets.yaml --out out/scaling"})
public final class ScaleLab implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Set by {@code --debug} (anywhere on the command line): internal errors print their stack trace. */
    static volatile boolean debug;

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        debug = rest.remove("--debug");
        int code;
        try {
            code = commandLine().execute(rest.toArray(String[]::new));
        } catch (Throwable t) {
            // Errors (out of memory, stack overflow) pass picocli by; they get the same one line.
            code = internal(t, new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true));
        }
        System.exit(code);
    }

    /** The configured command line: number converters, exit codes, error messages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ScaleLab());
        NumberConverters.register(cl);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(ScaleLab::badArguments);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine));
        cl.setExecutionStrategy(ScaleLab::execute);
        HelpText.apply(cl);
        return cl;
    }

    /**
     * Runs the last command given; a command group given alone ({@code scalelab}, {@code scalelab
     * scaling}) prints its usage on stderr and exits 2, since nothing was asked.
     */
    private static int execute(CommandLine.ParseResult parseResult) {
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        CommandLine cl = last.commandSpec().commandLine();
        if (!cl.getSubcommands().isEmpty() && last.matchedArgs().isEmpty()) {
            cl.usage(cl.getErr());
            cl.getErr().flush();
            return EXIT_BAD_INPUT;
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static int badArguments(CommandLine.ParameterException e, String[] args) {
        PrintWriter err = e.getCommandLine().getErr();
        String hint = HelpText.didYouMean(e);
        // One line: the rejection, the suggestion if any, and where the options are listed.
        err.println("scalelab: " + InvalidParameterException.oneLine(e.getMessage(), 300)
                + (hint == null ? "" : "; " + hint) + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /** Maps an exception to an exit code, printing one line: bad input (2) or an internal failure (1). */
    static int failure(Exception e, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof InvalidParameterException)) {
            t = t.getCause();
        }
        if (t instanceof InvalidParameterException ipe) {
            // Bad input loses nothing and leaves nothing: drop the --out folders this run made for it.
            commandLine.getCommandSpec().mixins().values().stream().map(m -> m.userObject())
                    .filter(o -> o instanceof OutDirOptions).forEach(o -> ((OutDirOptions) o).removeIfCreatedAndEmpty());
            err.println("scalelab: " + asOption(ipe, commandLine));
            err.flush();
            return EXIT_BAD_INPUT;
        }
        return internal(e, err);
    }

    /** One line naming the failure; the stack trace only under {@code --debug}. */
    static int internal(Throwable e, PrintWriter err) {
        String what = e instanceof OutOfMemoryError ? "out of memory (" + e.getMessage() + ")"
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        err.println("scalelab: internal error: " + InvalidParameterException.oneLine(what, 300)
                + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_INTERNAL;
    }

    /**
     * The message with the field named as the user wrote it: a rejected value of an option of the
     * running subcommand is named by the option ({@code --micro-batch: ...}), not the file key.
     */
    static String asOption(InvalidParameterException e, CommandLine commandLine) {
        String field = e.field();
        if (field.isEmpty() || field.startsWith("-")) {
            return e.getMessage();
        }
        String option = "--" + field.replace('_', '-');
        if (commandLine.getCommandSpec().findOption(option) != null) {
            return option + ": " + options(e.rule(), commandLine) + ", was " + asGiven(e.value(), option, commandLine)
                    + (e.hint() == null ? "" : "; " + options(e.hint(), commandLine));
        }
        return e.getMessage();
    }

    /**
     * The option's text as typed ({@code 1e16}) where it is the rejected number in another notation,
     * or a number past an integer option's range that was bound as that range's end.
     */
    private static String asGiven(String value, String option, CommandLine commandLine) {
        var parsed = commandLine.getParseResult();
        var matched = parsed == null ? null : parsed.matchedOption(option);
        if (matched == null || matched.originalStringValues().size() != 1) {
            return value;
        }
        String typed = matched.originalStringValues().get(0);
        return org.scalelab.report.params.WholeNumbers.boundAs(typed, value) ? typed : value;
    }

    /** A snake_case key, unless the text names it as the file key ("file key params_column") on purpose. */
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("(?<!file key )\\b[a-z0-9]+(?:_[a-z0-9]+)+\\b");

    /** {@code text} with every file key that is an option of the running subcommand named as that option. */
    private static String options(String text, CommandLine commandLine) {
        return KEY.matcher(text).replaceAll(m -> {
            String option = "--" + m.group().replace('_', '-');
            return java.util.regex.Matcher.quoteReplacement(
                    commandLine.getCommandSpec().findOption(option) != null ? option : m.group());
        });
    }
}
