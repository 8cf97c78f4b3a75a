package org.scalelab.reports.kernels;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalelab kernels}: the kernels subcommands. */
@Command(name = "kernels", mixinStandardHelpOptions = true,
        description = "Matrix-multiply kernels on CPU and GPU (Aparapi/OpenCL, Java, OpenBLAS), from the 2004 GPGPU papers to today.",
        subcommands = {KernelsDevicesCommand.class, KernelsRunCommand.class},
        footer = {"", "Examples:", "  scalelab kernels devices",
            "  scalelab kernels run --sizes 1024 --devices java,native --format json"})
public final class KernelsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
