package org.scalelab.kernels.gpu;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.internal.kernel.KernelManager;
import java.util.LinkedHashSet;
import java.util.List;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.ExecutionMismatchException;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.Target;

/**
 * Runs one Aparapi SGEMM kernel on one target with explicit buffer management: A and B are put
 * once, the kernel executes over a range built by the device itself ({@code createRange2D}) with
 * a work-group size checked against the device's and the compiled kernel's limits, and C is read
 * back. After every execution the mode that actually ran is checked; a mismatch throws
 * {@link ExecutionMismatchException}.
 */
public final class AparapiSgemm implements AutoCloseable {
    /** Passes of the multipass kernel add this many rank-1 updates (4 = one RGBA texel of 2004). */
    public static final int MULTIPASS_DEPTH = 4;

    private final SgemmKernel kernelId;
    private final Target target;
    private final Kernel kernel;
    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final int n;
    private final Range range;

    /** Times of the last {@link #multiply()}, seconds. */
    private double lastComputeSeconds;
    private double lastTotalSeconds;

    public AparapiSgemm(SgemmKernel kernelId, Target target, float[] a, float[] b, int n, Tuning tuning) {
        if (kernelId.family() != SgemmKernel.Family.APARAPI) {
            throw new IllegalArgumentException(kernelId + " is not an Aparapi kernel");
        }
        this.kernelId = kernelId;
        this.target = target;
        this.a = a;
        this.b = b;
        this.n = n;
        this.c = new float[n * n];
        this.kernel = switch (kernelId) {
            case BROOK_STREAM -> new StreamKernel(a, b, c, n);
            case MULTIPASS -> new MultipassKernel(a, b, c, n, MULTIPASS_DEPTH);
            case TILED -> new TiledKernel(a, b, c, n, tuning.tile());
            case REGISTER_BLOCKED -> tuning.work() == 8 ? new RegisterBlocked8Kernel(a, b, c, n, tuning)
                    : new RegisterBlockedKernel(a, b, c, n, tuning);
            default -> throw new IllegalArgumentException(kernelId.key());
        };
        kernel.setExplicit(true);
        kernel.setAutoCleanUpArrays(false);
        Device device = device();
        // The range's device alone does not pin the kernel (a JTP range still ran on PoCL):
        // make the requested device the only preferred one, then verify after each run.
        KernelManager.instance().setPreferredDevices(kernel, new LinkedHashSet<>(List.of(device)));
        int[] group = workGroup(kernelId, tuning);
        int limit = WorkGroups.limit(kernel, device);
        if (group[0] * group[1] > limit) {
            KernelDisposal.dispose(kernel);
            throw new IllegalArgumentException("work-group " + group[0] + "x" + group[1] + " exceeds the limit of "
                    + limit + " work-items on " + target.name());
        }
        int[] cover = cover(kernelId, tuning, group);
        this.range = device.createRange2D(roundUp(cover[0], group[0]), roundUp(cover[1], group[1]), group[0], group[1]);
    }

    private Device device() {
        return target.kind() == DeviceKind.JTP ? JavaDevice.THREAD_POOL : target.opencl();
    }

    /** The work-group each kernel is launched with. */
    static int[] workGroup(SgemmKernel kernelId, Tuning t) {
        return switch (kernelId) {
            case TILED -> new int[] {t.tile(), t.tile()};
            case REGISTER_BLOCKED -> new int[] {t.wgX(), t.wgY()};
            default -> new int[] {t.tile(), t.tile()};
        };
    }

    /** Work-items needed per dimension before rounding to the work-group. */
    private int[] cover(SgemmKernel kernelId, Tuning t, int[] group) {
        if (kernelId == SgemmKernel.REGISTER_BLOCKED) {
            int tilesX = (n + t.work() * t.wgX() - 1) / (t.work() * t.wgX());
            int tilesY = (n + t.work() * t.wgY() - 1) / (t.work() * t.wgY());
            return new int[] {tilesX * group[0], tilesY * group[1]};
        }
        return new int[] {n, n};
    }

    private static int roundUp(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /**
     * One full multiply: put A, B (and a zero C for the multipass kernel), execute, get C.
     * Records compute-only and total times.
     *
     * @return C (owned by this object; overwritten by the next call)
     */
    public float[] multiply() {
        long t0 = System.nanoTime();
        kernel.put(a).put(b);
        if (kernelId == SgemmKernel.MULTIPASS) {
            java.util.Arrays.fill(c, 0f);
            kernel.put(c);
        }
        long t1 = System.nanoTime();
        execute();
        long t2 = System.nanoTime();
        kernel.get(c);
        long t3 = System.nanoTime();
        lastComputeSeconds = (t2 - t1) * 1e-9;
        lastTotalSeconds = (t3 - t0) * 1e-9;
        return c;
    }

    private void execute() {
        if (kernelId == SgemmKernel.MULTIPASS) {
            MultipassKernel mp = (MultipassKernel) kernel;
            for (int k0 = 0; k0 < n; k0 += MULTIPASS_DEPTH) {
                mp.k0 = k0;
                executeOn(kernel, target, range);
            }
        } else {
            executeOn(kernel, target, range);
        }
    }

    /**
     * Executes {@code kernel} over {@code range} and fails unless it ran on {@code target}:
     * OpenCL on the same device id for OpenCL targets, Java for the thread pool.
     *
     * @throws ExecutionMismatchException when Aparapi ran it elsewhere
     */
    static void executeOn(Kernel kernel, Target target, Range range) {
        kernel.execute(range);
        Device ran = kernel.getTargetDevice();
        boolean ok;
        if (target.kind() == DeviceKind.JTP) {
            ok = !kernel.isRunningCL() && ran == JavaDevice.THREAD_POOL;
        } else {
            ok = kernel.isRunningCL() && ran != null && ran.getDeviceId() == target.opencl().getDeviceId();
        }
        if (!ok) {
            throw new ExecutionMismatchException(kernel.getClass().getSimpleName() + " was asked to run on "
                    + target.ranOn() + " but ran on " + (ran == null ? "an unknown device" : ran.getShortDescription())
                    + (kernel.isRunningCL() ? " (OpenCL)" : " (Java: Aparapi fell back)"));
        }
    }

    /** Whether the last execution ran through OpenCL. */
    public boolean ranOnOpenCl() {
        return kernel.isRunningCL();
    }

    public double lastComputeSeconds() {
        return lastComputeSeconds;
    }

    public double lastTotalSeconds() {
        return lastTotalSeconds;
    }

    @Override
    public void close() {
        KernelDisposal.dispose(kernel);
    }
}
