package org.scalelab.reports.kernels;

import org.scalelab.reports.cli.BadInputException;
import picocli.CommandLine.Command;

/** {@code scalelab kernels}: the kernels subcommands. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "Matrix-multiply kernels on CPU and GPU (Aparapi/OpenCL, Java, OpenBLAS), from the 2004 GPGPU papers to today.")
public final class KernelsCommand implements Runnable {
    @Override
    public void run() {
        throw new BadInputException("scalelab kernels: not implemented yet");
    }
}
