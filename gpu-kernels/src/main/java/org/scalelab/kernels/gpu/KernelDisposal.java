package org.scalelab.kernels.gpu;

import com.aparapi.Kernel;
import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;

/**
 * Disposes an Aparapi kernel and the thread pool behind it. In Aparapi 3.0.2,
 * {@code Kernel.dispose()} frees the OpenCL context but leaves the runner's
 * {@code ForkJoinPool} (the Java-thread-pool device's workers, one per work-item of a group)
 * running: about 500 idle threads stayed behind per measured kernel, so a process that measured
 * several files grew by thousands of threads. The pool is a private field, reached by reflection;
 * if a later Aparapi renames it, the kernel is still disposed and only the pool is left as before.
 */
final class KernelDisposal {
    private KernelDisposal() {}

    static void dispose(Kernel kernel) {
        Object runner = field(kernel, Kernel.class, "kernelRunner");
        kernel.dispose();
        if (runner != null && field(runner, runner.getClass(), "threadPool") instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    private static Object field(Object owner, Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
