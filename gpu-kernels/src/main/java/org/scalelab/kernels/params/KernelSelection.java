package org.scalelab.kernels.params;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.SgemmKernel;

/** Parses {@code all|NAME,...} lists of kernels and devices through the domain registries. */
public final class KernelSelection {
    private KernelSelection() {}

    public static List<SgemmKernel> kernels(String field, List<String> names) {
        if (names.size() == 1 && "all".equals(names.get(0))) {
            return List.of(SgemmKernel.values());
        }
        Set<SgemmKernel> out = new LinkedHashSet<>();
        for (String n : names) {
            out.add(SgemmKernel.byName(field, n.trim()));
        }
        return new ArrayList<>(out);
    }

    /** {@code all}, or kinds; {@code opencl} alone means every OpenCL kind. */
    public static List<DeviceKind> devices(String field, List<String> names) {
        if (names.size() == 1 && "all".equals(names.get(0))) {
            return Arrays.asList(DeviceKind.values());
        }
        Set<DeviceKind> out = new LinkedHashSet<>();
        for (String n : names) {
            if ("opencl".equals(n.trim())) {
                out.addAll(List.of(DeviceKind.OPENCL_GPU, DeviceKind.OPENCL_CPU, DeviceKind.OPENCL_OTHER));
            } else {
                out.add(DeviceKind.byName(field, n.trim()));
            }
        }
        return new ArrayList<>(out);
    }
}
