package org.scalelab.reports.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code scalelab run FILE...}: runs parameter files and writes their report. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run parameter files (YAML or JSON) and write charts, data and index.html into --out.",
        footer = {"", "Example:", "  scalelab run examples/memory-zero-7.5b.yaml --out out/memory"})
public final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Parameter files (.yaml, .yml or .json).")
    List<Path> files;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        throw new BadInputException("scalelab run: not implemented yet");
    }
}
