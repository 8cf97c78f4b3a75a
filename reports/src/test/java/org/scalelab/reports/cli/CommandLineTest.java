package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.scalelab.common.Check;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.scalelab.report.cli.NumberConverters;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.OutputOptions;

/** The conventions every subcommand shares: exit codes, exponent notation, JSON-only stdout. */
class CommandLineTest {
    @Command(name = "probe")
    static final class Probe implements Callable<Integer> {
        @Option(names = "--params") long params;
        @Option(names = "--gpus") int gpus = 1;
        @Option(names = "--bandwidth-gb-per-s") double bandwidth = 1;
        @Option(names = "--crash") boolean crash;
        @Mixin OutputOptions output;
        @Spec CommandLine.Model.CommandSpec spec;

        record Result(long params, int gpus, double bandwidthGbPerS) { }

        @Override
        public Integer call() {
            Check.positive("bandwidth_gb_per_s", bandwidth);
            if (crash) {
                throw new IllegalStateException("boom");
            }
            spec.commandLine().getErr().println("a log line goes to stderr");
            Output.print(spec.commandLine().getOut(), output.format, new Result(params, gpus, bandwidth));
            return 0;
        }
    }

    record Run(int exit, String out, String err) { }

    private static Run run(String... args) {
        CommandLine cl = ScaleLab.commandLine();
        cl.addSubcommand("probe", new Probe());
        NumberConverters.register(cl); // converters reach only subcommands present when registered
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void exponentNotationForCountsAndJsonOnlyOnStdout() {
        Run r = run("probe", "--params", "7.5e9", "--gpus", "1.6e1", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\n  \"params\" : 7500000000,\n  \"gpus\" : 16,\n  \"bandwidth_gb_per_s\" : 1.0\n}\n", r.out().replace(System.lineSeparator(), "\n"));
        assertTrue(r.err().contains("a log line goes to stderr"));
    }

    @Test
    void aNonIntegralCountIsBadInput() {
        Run r = run("probe", "--gpus", "2.5");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("must be an integer"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anInvalidParameterExitsTwoWithOneLineNamingTheField() {
        Run r = run("probe", "--bandwidth-gb-per-s", "-5", "--format", "json");
        assertEquals(2, r.exit());
        assertEquals("scalelab: --bandwidth-gb-per-s: must be > 0, was -5", r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void anInternalFailureExitsOne() {
        Run r = run("probe", "--crash");
        assertEquals(1, r.exit());
        assertEquals("scalelab: internal error: IllegalStateException: boom (run with --debug for the stack trace)", r.err().strip());
    }

    @Test
    void unknownOptionsAndFormatsAreBadInput() {
        assertEquals(2, run("probe", "--nope").exit());
        assertEquals(2, run("probe", "--format", "xml").exit());
    }

    @Test
    void versionAndHelp() {
        Run v = run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("scalelab "));
        Run h = run("run", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--format") && h.out().contains("Example"), h.out());
    }

    @Test
    void aPlanFileWithoutGpusNamesTheMissingKey() {
        Run r = run("run", "src/test/resources/report/plan.yaml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("gpus: is required"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
