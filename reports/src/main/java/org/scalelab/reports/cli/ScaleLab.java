package org.scalelab.reports.cli;

import java.io.PrintWriter;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.reports.cluster.ClusterCommand;
import org.scalelab.reports.kernels.KernelsCommand;
import org.scalelab.reports.memory.MemoryCommand;
import org.scalelab.reports.plan.PlanCommand;
import org.scalelab.reports.scaling.ScalingCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import org.scalelab.report.cli.NumberConverters;

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

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: number converters, exit codes, error messages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ScaleLab());
        NumberConverters.register(cl);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(ScaleLab::badArguments);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine.getErr()));
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
        err.println("scalelab: " + e.getMessage());
        String hint = HelpText.didYouMean(e);
        if (hint != null) {
            err.println("scalelab: " + hint);
        }
        err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
        err.flush();
        return EXIT_BAD_INPUT;
    }

    /** Maps an exception to an exit code, printing one line (bad input) or the cause (internal). */
    static int failure(Exception e, PrintWriter err) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof InvalidParameterException)) {
            t = t.getCause();
        }
        if (t instanceof InvalidParameterException) {
            err.println("scalelab: " + t.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("scalelab: internal error: " + e);
        e.printStackTrace(err);
        err.flush();
        return EXIT_INTERNAL;
    }
}
