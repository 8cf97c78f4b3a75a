package org.scalelab.reports.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Runs {@code text} as the parameter file {@code dir/name} with its report beside it, the file's
     * folder cut from stderr so that messages read {@code name:line ...}.
     */
    public static CliRun runFile(Path dir, String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        CliRun r = run("run", f.toString(), "--out", dir.resolve("out-" + name).toString());
        return new CliRun(r.exit(), r.out(), r.err().replace(dir + File.separator, ""));
    }

    /** Asserts {@code r} was refused as bad input (exit 2) with the one line {@code scalelab: line}. */
    public static void rejected(CliRun r, String line) {
        assertEquals(2, r.exit(), r.out() + r.err());
        assertEquals("scalelab: " + line, r.err().strip());
    }

    /** The repository's examples folder, whether the tests run from the module or the repository root. */
    public static Path examples() {
        Path root = Path.of("").toAbsolutePath();
        return Files.isDirectory(root.resolve("examples")) ? root.resolve("examples") : root.getParent().resolve("examples");
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
