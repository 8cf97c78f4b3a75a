package org.scalelab.kernels.run;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.scalelab.common.ProgressListener;
import org.scalelab.kernels.run.RunResult.Note;
import org.scalelab.kernels.cpu.HostSgemm;
import org.scalelab.kernels.cpu.NativeBlas;
import org.scalelab.kernels.cpu.VectorGemm;
import org.scalelab.kernels.gpu.AparapiSgemm;
import org.scalelab.kernels.gpu.Autotuner;
import org.scalelab.kernels.gpu.Tuning;
import org.scalelab.kernels.gpu.TuningCache;
import org.scalelab.kernels.gpu.Tunings;
import org.scalelab.kernels.Target;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.SgemmKernel;
import org.scalelab.kernels.Measurement;
import org.scalelab.kernels.Accuracy;
import org.scalelab.kernels.Inputs;
import org.scalelab.kernels.ExecutionMismatchException;

/**
 * Measures every requested kernel on every matching device at every size: at least two untimed
 * warm-up runs, then the best of {@code repeats} timed runs, then the accuracy check against a
 * double-precision reference ({@link Accuracy}). A run that executed elsewhere than asked, or
 * whose error exceeds {@link Accuracy#bound}, is a failure, never a result.
 */
public final class SgemmRunner {
    /** Aparapi's thread pool emulates barriers with one Java thread per work-item: keep it tiny. */
    static final int JTP_BARRIER_MAX_N = 64;
    /** Host kernels keep warming up until this much time has passed (or {@link #MAX_WARMUPS} runs). */
    static final long WARMUP_NANOS = 200_000_000L;
    static final int MAX_WARMUPS = 20;

    private final Devices devices;
    private final TuningCache cache;
    private final ForkJoinPool pool;

    public SgemmRunner(Devices devices, TuningCache cache, ForkJoinPool pool) {
        this.devices = devices;
        this.cache = cache;
        this.pool = pool;
    }

    /** Runs the spec; {@code log} receives one line per notable event (autotuning, skips). */
    public RunResult run(RunSpec spec, ProgressListener progress, java.util.function.Consumer<String> log) {
        List<Target> targets = devices.ofKinds(spec.devices());
        List<Measurement> results = new ArrayList<>();
        List<Note> skipped = new ArrayList<>();
        List<Note> failures = new ArrayList<>();
        Map<String, Tuning> tunings = new LinkedHashMap<>();
        if (spec.devices().contains(DeviceKind.NATIVE) && spec.kernels().contains(SgemmKernel.NATIVE_BLAS)
                && !NativeBlas.available()) {
            spec.sizes().forEach(n -> skipped.add(new Note("native-blas", "native", n, NativeBlas.problem())));
        }
        for (Target t : targets) {
            if (t.kind().family() == SgemmKernel.Family.APARAPI && usesTuning(spec)) {
                tunings.put(t.key(), tuningFor(t, spec, log));
            }
        }
        long total = (long) spec.sizes().size() * targets.size() * spec.kernels().size();
        long done = 0;
        for (int n : spec.sizes()) {
            Inputs in = Inputs.random(n, spec.seed());
            int[] rows = Accuracy.sampleRows(n);
            for (Target t : targets) {
                for (SgemmKernel k : spec.kernels()) {
                    progress.progress(done++, total);
                    if (k.family() != t.kind().family()) {
                        continue;
                    }
                    String skip = skipReason(k, t, n, spec.maxSlowN());
                    if (skip != null) {
                        skipped.add(new Note(k.key(), t.kind().key(), n, skip));
                        continue;
                    }
                    try {
                        Tuning tuning = tunings.getOrDefault(t.key(), Tunings.defaultFor(t));
                        results.add(measure(k, t, in, rows, spec, tuning));
                    } catch (RuntimeException | LinkageError e) {
                        String why = e instanceof ExecutionMismatchException ? e.getMessage() : e.toString();
                        failures.add(new Note(k.key(), t.kind().key(), n, why));
                        log.accept("FAILED " + k.key() + " on " + t.ranOn() + " at n=" + n + ": " + why);
                    }
                }
            }
        }
        progress.progress(total, total);
        return new RunResult(results, skipped, failures, tunings, spec.seed());
    }

    private static boolean usesTuning(RunSpec spec) {
        return spec.kernels().contains(SgemmKernel.TILED) || spec.kernels().contains(SgemmKernel.REGISTER_BLOCKED);
    }

    private Tuning tuningFor(Target t, RunSpec spec, java.util.function.Consumer<String> log) {
        if (t.opencl() == null) {
            return Tunings.defaultFor(t);
        }
        if (spec.autotune()) {
            // big enough that a GPU kernel runs for milliseconds, small enough that PoCL finishes
            int cap = t.kind() == DeviceKind.OPENCL_GPU ? 4096 : 512;
            int n = Math.min(cap, spec.sizes().stream().mapToInt(Integer::intValue).max().orElse(512));
            log.accept("autotuning register-blocked on " + t.ranOn() + " at n=" + n + " ...");
            Autotuner.Outcome o = Autotuner.tune(t, n, spec.seed(), ProgressListener.NONE);
            cache.put(t.key(), new TuningCache.Entry(o.best(), n, o.gflops(), LocalDate.now(ZoneOffset.UTC).toString()));
            log.accept("autotuned " + t.ranOn() + ": " + o.best() + " at " + String.format(Locale.ROOT, "%.1f", o.gflops())
                    + " GFLOP/s (" + o.tried() + " tried, " + o.rejected() + " rejected); cached in " + cache.file());
            return o.best();
        }
        TuningCache.Entry cached = cache.get(t.key());
        return cached != null ? cached.tuning() : Tunings.defaultFor(t);
    }

    /** Why a combination is not run, or null. */
    static String skipReason(SgemmKernel k, Target t, int n, int maxSlowN) {
        boolean cpuLike = t.kind() != DeviceKind.OPENCL_GPU && t.kind() != DeviceKind.OPENCL_OTHER;
        if (k.naive() && cpuLike && n > maxSlowN) {
            return "kernel without data reuse skipped on a CPU above n=" + maxSlowN + " (--max-slow-n)";
        }
        if (t.kind() == DeviceKind.JTP && n > JTP_BARRIER_MAX_N
                && (k == SgemmKernel.TILED || k == SgemmKernel.REGISTER_BLOCKED)) {
            return "Aparapi's thread pool emulates localBarrier() with one Java thread per work-item"
                    + " (about 0.01 GFLOP/s); barrier kernels run there only up to n=" + JTP_BARRIER_MAX_N;
        }
        return null;
    }

    private Measurement measure(SgemmKernel k, Target t, Inputs in, int[] rows, RunSpec spec, Tuning tuning) {
        int n = in.n();
        double compute = Double.POSITIVE_INFINITY;
        double withTransfers = Double.POSITIVE_INFINITY;
        float[] c;
        if (k.family() == SgemmKernel.Family.APARAPI) {
            try (AparapiSgemm s = new AparapiSgemm(k, t, in.a(), in.b(), n, tuning)) {
                for (int w = 0; w < spec.warmups(); w++) {
                    s.multiply();
                }
                c = null;
                for (int r = 0; r < spec.repeats(); r++) {
                    c = s.multiply();
                    compute = Math.min(compute, s.lastComputeSeconds());
                    withTransfers = Math.min(withTransfers, s.lastTotalSeconds());
                }
                c = c.clone();
            }
        } else {
            c = new float[n * n];
            if (k == SgemmKernel.VECTOR_API) {
                VectorGemm.prime();
            }
            // at least the requested warm-ups, and more at small n (up to 20 runs or 0.2 s), so that
            // C2 has compiled the hot loops before timing (two runs at n = 128 take microseconds)
            long warmStart = System.nanoTime();
            for (int w = 0; w < spec.warmups() || (w < MAX_WARMUPS && System.nanoTime() - warmStart < WARMUP_NANOS); w++) {
                host(k, in, c);
            }
            for (int r = 0; r < spec.repeats(); r++) {
                long t0 = System.nanoTime();
                host(k, in, c);
                compute = Math.min(compute, Math.max(1e-9, (System.nanoTime() - t0) * 1e-9));
            }
            withTransfers = compute; // host memory: nothing to transfer
        }
        double err = Accuracy.maxRelError(in.a(), in.b(), c, n, rows);
        if (!(err < Accuracy.bound(n))) {
            throw new ExecutionMismatchException(k.key() + " on " + t.ranOn() + " at n=" + n + ": max_rel_error "
                    + err + " exceeds the bound n 2^-23 = " + Accuracy.bound(n));
        }
        return Measurement.of(k.key(), t.kind().key(), t.name(), n, compute, withTransfers, err, t.ranOn());
    }

    private void host(SgemmKernel k, Inputs in, float[] c) {
        HostSgemm.multiply(k, in.a(), in.b(), c, in.n(), pool);
    }
}
