package org.scalelab.kernels;

import com.aparapi.device.OpenCLDevice;

/**
 * A concrete device a kernel is measured on.
 *
 * @param kind   the kind asked for
 * @param name   the device's own name (OpenCL device name, CPU model, library)
 * @param ranOn  the label a successful run reports: {@code opencl:<platform>:<device>},
 *               {@code java-thread-pool}, {@code java} or {@code native-blas}
 * @param opencl the Aparapi device for OpenCL kinds, else null
 */
public record Target(DeviceKind kind, String name, String ranOn, OpenCLDevice opencl) {

    /** A key for caches: the {@code ran_on} label. */
    public String key() {
        return ranOn;
    }
}
