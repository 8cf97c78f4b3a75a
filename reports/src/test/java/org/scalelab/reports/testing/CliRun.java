package org.scalelab.reports.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.scalelab.report.io.Json;
import org.scalelab.reports.cli.ScaleLab;
import picocli.CommandLine;

/**
 * One in-process run of the {@code scalelab} command line, as the command tests drive it: the exit
 * code and what went to stdout and stderr.
 *
 * @param exit the exit code (0 ok, 2 bad input, 1 internal failure)
 * @param out  stdout
 * @param err  stderr
 */
public record CliRun(int exit, String out, String err) {

    /** Runs {@code scalelab args...} with captured output. */
    public static CliRun run(String... args) {
        CommandLine cl = ScaleLab.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Stdout parsed as JSON; fails the test with both streams when it is not JSON. */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(out);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + out + "\nstderr: " + err, e);
        }
    }
}
