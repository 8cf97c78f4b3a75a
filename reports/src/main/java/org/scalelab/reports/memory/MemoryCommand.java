package org.scalelab.reports.memory;

import org.scalelab.reports.cli.BadInputException;
import picocli.CommandLine.Command;

/** {@code scalelab memory}: the memory subcommands. */
@Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Per-GPU training memory under ZeRO stages 0-3 with tensor, pipeline and sequence parallelism.")
public final class MemoryCommand implements Runnable {
    @Override
    public void run() {
        throw new BadInputException("scalelab memory: not implemented yet");
    }
}
