package org.scalelab.kernels.run;

import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLPlatform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalelab.kernels.cpu.NativeBlas;
import org.scalelab.kernels.Target;
import org.scalelab.kernels.DeviceKind;

/**
 * Finds the devices of this machine: every OpenCL device of every platform (through Aparapi's
 * JNI), Aparapi's Java thread pool, the JVM itself and the native BLAS when it loads.
 */
public final class Devices {
    private final List<Target> targets;
    private final List<DeviceInfo> openCl;
    private final String openClProblem;

    private Devices(List<Target> targets, List<DeviceInfo> openCl, String openClProblem) {
        this.targets = List.copyOf(targets);
        this.openCl = List.copyOf(openCl);
        this.openClProblem = openClProblem;
    }

    /** Probes the machine. Never throws: a missing OpenCL runtime is reported by {@link #openClProblem()}. */
    public static Devices discover() {
        return discover(true);
    }

    /**
     * Probes the machine, OpenCL only when {@code probeOpenCl}: loading Aparapi's OpenCL layer
     * prints its platform warnings, which a CPU-only run ({@code --devices java,native}) must not show.
     */
    public static Devices discover(boolean probeOpenCl) {
        List<Target> targets = new ArrayList<>();
        List<DeviceInfo> infos = new ArrayList<>();
        String problem = probeOpenCl ? null : "OpenCL was not probed (no OpenCL device kind requested)";
        if (probeOpenCl) {
            problem = probeOpenCl(targets, infos);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        targets.add(new Target(DeviceKind.JTP, "Aparapi Java thread pool, " + threads + " threads on " + cpuModel(),
                "java-thread-pool", null));
        targets.add(new Target(DeviceKind.JAVA, cpuModel() + ", " + threads + " threads", "java", null));
        if (NativeBlas.available()) {
            targets.add(new Target(DeviceKind.NATIVE, NativeBlas.description(), "native-blas", null));
        }
        return new Devices(targets, infos, problem);
    }

    private static String probeOpenCl(List<Target> targets, List<DeviceInfo> infos) {
        String problem = null;
        try {
            for (OpenCLPlatform platform : OpenCLPlatform.getUncachedOpenCLPlatforms()) {
                for (OpenCLDevice d : platform.getOpenCLDevices()) {
                    String ranOn = "opencl:" + platform.getName().trim() + ":" + d.getName().trim();
                    DeviceKind kind = switch (d.getType()) {
                        case GPU -> DeviceKind.OPENCL_GPU;
                        case CPU -> DeviceKind.OPENCL_CPU;
                        default -> DeviceKind.OPENCL_OTHER;
                    };
                    if (kind == DeviceKind.OPENCL_GPU) {
                        // Aparapi's default (host-shared buffers) suits CPUs and APUs; on discrete GPUs
                        // device-resident buffers are much faster (Aparapi 1.9.0 changelog, OpenCLDevice Javadoc)
                        d.setSharedMemory(false);
                    }
                    targets.add(new Target(kind, d.getName().trim(), ranOn, d));
                    infos.add(new DeviceInfo(platform.getName().trim(), platform.getVersion().trim(), d.getName().trim(),
                            d.getType().name(), ranOn, d.getMaxComputeUnits(), d.getMaxWorkGroupSize(),
                            d.getMaxWorkItemSize().clone(), d.getLocalMemSize(), d.getGlobalMemSize(), d.getMaxMemAllocSize()));
                }
            }
            if (infos.isEmpty()) {
                problem = "no OpenCL platform with a device was found (is an ICD such as pocl-opencl-icd installed?)";
            }
        } catch (Throwable e) { // UnsatisfiedLinkError when the JNI library or libOpenCL is missing
            problem = "OpenCL is unavailable: " + e;
        }
        return problem;
    }

    /** Every target found, OpenCL first. */
    public List<Target> targets() {
        return targets;
    }

    /** The OpenCL devices with their limits. */
    public List<DeviceInfo> openCl() {
        return openCl;
    }

    /** Why no OpenCL device is listed, or null. */
    public String openClProblem() {
        return openClProblem;
    }

    /** The targets of the given kinds. */
    public List<Target> ofKinds(java.util.Collection<DeviceKind> kinds) {
        return targets.stream().filter(t -> kinds.contains(t.kind())).toList();
    }

    /** The CPU model from {@code /proc/cpuinfo}, or the architecture when unreadable (not Linux). */
    public static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }
}
