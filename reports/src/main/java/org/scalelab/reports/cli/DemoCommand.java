package org.scalelab.reports.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code scalelab demo}: runs every parameter file in examples/ into out/demo. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run every parameter file in examples/ and write out/demo/index.html.")
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        throw new BadInputException("scalelab demo: not implemented yet");
    }
}
