package org.scalelab.reports.kernels;

import java.util.List;
import java.util.concurrent.Callable;
import org.scalelab.kernels.run.DeviceInfo;
import org.scalelab.kernels.run.Devices;
import org.scalelab.kernels.cpu.NativeBlas;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.OutputOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalelab kernels devices}: the OpenCL platforms and devices with their limits, and the other targets. */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List OpenCL platforms and devices with their limits, and the Java, thread-pool and native-BLAS targets.",
        footer = {"", "Example:", "  scalelab kernels devices --format json"})
public final class KernelsDevicesCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    /**
     * What {@code kernels devices} prints.
     *
     * @param openclDevices  every OpenCL device with its limits
     * @param openclProblem  why there is none, or null
     * @param targets        every device kind a run can use, with the {@code ran_on} label
     * @param nativeBlasProblem null when the native BLAS loaded, else why not
     */
    public record DevicesOutput(List<DeviceInfo> openclDevices, String openclProblem, List<TargetRow> targets,
                                String nativeBlasProblem) { }

    /** One target. */
    public record TargetRow(String device, String deviceName, String ranOn) { }

    @Override
    public Integer call() {
        Devices d = Devices.discover();
        List<TargetRow> targets = d.targets().stream()
                .map(t -> new TargetRow(t.kind().key(), t.name(), t.ranOn())).toList();
        Output.print(spec.commandLine().getOut(), output.format,
                new DevicesOutput(d.openCl(), d.openClProblem(), targets, NativeBlas.problem()));
        return 0;
    }
}
