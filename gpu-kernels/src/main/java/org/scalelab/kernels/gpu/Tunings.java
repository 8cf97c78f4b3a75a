package org.scalelab.kernels.gpu;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.Target;

/** The default tuning and the autotuning search space, both bounded by the device's limits. */
public final class Tunings {
    /** OpenCL 1.2 full profile guarantees at least 32 KiB of local memory (spec, Table 4.3). */
    static final long MIN_LOCAL_BYTES = 32 * 1024;

    private Tunings() {}

    /**
     * A tuning valid on any device: 16 x 16 work-groups (256 work-items, under the barrier
     * limit of Syncleus/aparapi#156 "Inconsistency with Barriers having workgroup sizes above 256 work items."), a 16-deep k tile and no padding, shrunk to 8 x 8 or 4 x 4 when the
     * device allows fewer work-items. Local memory use: 2 KiB (tiled), 8 KiB (blocked).
     */
    public static Tuning defaultFor(Target target) {
        int maxItems = maxItems(target);
        int side = maxItems >= 256 ? 16 : maxItems >= 64 ? 8 : 4;
        return new Tuning(side, side, side, 16, 0, 4);
    }

    /**
     * The candidates an autotuning run tries for the register-blocked kernel (the tiled kernel
     * keeps the default tile): work-group shapes 8x8, 16x8, 8x16, 16x16, 32x8, 32x16 (when the
     * device allows them), k depths 8, 16, 32 and padding 0 or 1, within the local memory.
     */
    public static List<Tuning> candidates(Target target) {
        int maxItems = maxItems(target);
        long local = target.opencl() == null ? MIN_LOCAL_BYTES : target.opencl().getLocalMemSize();
        Tuning base = defaultFor(target);
        List<Tuning> out = new ArrayList<>();
        int[][] shapes = {{8, 8}, {16, 8}, {8, 16}, {16, 16}, {32, 8}, {32, 16}};
        for (int[] s : shapes) {
            for (int tk : new int[] {8, 16, 32}) {
                for (int pad : new int[] {0, 1}) {
                    add(out, new Tuning(base.tile(), s[0], s[1], tk, pad, 4), maxItems, local);
                }
            }
        }
        // 8 x 8 outputs per work-item: bigger C tiles, fewer work-items
        int[][] shapes8 = {{8, 8}, {16, 8}, {8, 16}, {16, 16}};
        for (int[] s : shapes8) {
            for (int tk : new int[] {8, 16}) {
                for (int pad : new int[] {0, 1}) {
                    add(out, new Tuning(base.tile(), s[0], s[1], tk, pad, 8), maxItems, local);
                }
            }
        }
        return out;
    }

    private static void add(List<Tuning> out, Tuning t, int maxItems, long localBytes) {
        if (t.blockedWorkGroupItems() <= maxItems && t.blockedLocalBytes() <= localBytes) {
            out.add(t);
        }
    }

    private static int maxItems(Target target) {
        Device d = target.kind() == DeviceKind.JTP ? JavaDevice.THREAD_POOL : target.opencl();
        int m = d == null ? 256 : d.getMaxWorkGroupSize();
        if (d instanceof OpenCLDevice cl) {
            int[] sizes = cl.getMaxWorkItemSize();
            if (sizes != null && sizes.length >= 2) {
                m = Math.min(m, sizes[0] * sizes[1]);
            }
        }
        return m <= 0 ? 256 : m;
    }
}
