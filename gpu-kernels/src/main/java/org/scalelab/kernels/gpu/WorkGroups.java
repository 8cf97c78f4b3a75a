package org.scalelab.kernels.gpu;

import com.aparapi.Kernel;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.QueryFailedException;

/** Work-group limits of a device and of a kernel compiled for it. */
final class WorkGroups {
    /**
     * Syncleus/aparapi#156 "Inconsistency with Barriers having workgroup sizes above 256 work
     * items.": barriers misbehave above 256 work-items per group on some NVIDIA
     * drivers, so the default tunings stay at or below this.
     */
    static final int SAFE_ITEMS = 256;

    private WorkGroups() {}

    /** The most work-items per group {@code kernel} may use on {@code device}. */
    static int limit(Kernel kernel, Device device) {
        int limit = device.getMaxWorkGroupSize();
        if (device instanceof OpenCLDevice) {
            try {
                limit = Math.min(limit, kernel.getKernelMaxWorkGroupSize(device));
            } catch (QueryFailedException e) {
                // compile failures surface at execute(), where the mode check reports them
            }
        }
        return limit <= 0 ? SAFE_ITEMS : limit;
    }
}
