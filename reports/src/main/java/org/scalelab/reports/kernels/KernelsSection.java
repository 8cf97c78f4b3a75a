package org.scalelab.reports.kernels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.run.Devices;
import org.scalelab.kernels.Measurement;
import org.scalelab.kernels.run.RunResult;
import org.scalelab.kernels.run.RunSpec;
import org.scalelab.kernels.run.SgemmRunner;
import org.scalelab.kernels.gpu.Tuning;
import org.scalelab.kernels.gpu.TuningCache;
import org.scalelab.report.ReportContext;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;
import org.scalelab.kernels.params.KernelSelection;
import org.scalelab.kernels.params.KernelsParameters;

/**
 * {@code kind: kernels}: measures the kernels on this machine, loads shipped results (GPU runs,
 * cuBLAS) and JMH exports, and charts GFLOP/s against n, GPU-over-CPU speed-up, the 2002-2007
 * history beside today's numbers, and each kernel's share of native BLAS (and of peak).
 */
public final class KernelsSection implements Section<KernelsParameters> {

    /** The machine-readable result (written as result.json). */
    public record Result(List<Measurement> measured, Map<String, List<Measurement>> shipped,
                         List<RunResult.Note> skipped, List<RunResult.Note> failures,
                         Map<String, Tuning> tunings, long seed, MeasuredOn measuredOn) { }

    @Override
    public String kind() {
        return "kernels";
    }

    @Override
    public Class<KernelsParameters> parameterType() {
        return KernelsParameters.class;
    }

    @Override
    public SectionReport run(KernelsParameters p, ReportContext context) throws IOException {
        // Shipped results and JMH exports are read first: a file that is not one is rejected before
        // minutes of measuring.
        Map<String, List<Measurement>> shipped = new LinkedHashMap<>();
        for (int i = 0; i < p.resultFiles().size(); i++) {
            String f = p.resultFiles().get(i);
            for (Path file : ResultFiles.expand("result_files[" + i + "]", f, context.resolve(f))) {
                ResultFiles.Shipped s = ResultFiles.readResults("result_files[" + i + "]", f, file);
                shipped.put(s.label(), s.rows());
            }
        }
        List<ResultFiles.JmhPoint> jmh = new ArrayList<>();
        for (int i = 0; i < p.jmhFiles().size(); i++) {
            String f = p.jmhFiles().get(i);
            for (Path file : ResultFiles.expand("jmh_files[" + i + "]", f, context.resolve(f))) {
                jmh.addAll(ResultFiles.readJmh("jmh_files[" + i + "]", f, file));
            }
        }
        List<Measurement> measured = new ArrayList<>();
        List<RunResult.Note> skipped = new ArrayList<>();
        List<RunResult.Note> failures = new ArrayList<>();
        Map<String, Tuning> tunings = new LinkedHashMap<>();
        List<KernelsParameters.RunGroup> groups = context.full() ? p.fullRuns() : p.runs();
        MeasuredOn on = MeasuredOn.now();
        if (!groups.isEmpty()) {
            boolean openCl = groups.stream().anyMatch(g -> KernelSelection.devices("runs.devices", g.devices()).stream()
                    .anyMatch(DeviceKind::isOpenCl));
            Devices devices = Devices.discover(openCl);
            // tunings come from the cache when one exists; autotune: true searches and caches them, as kernels run --autotune
            TuningCache cache = new TuningCache(p.tuningCache() != null ? context.resolve(p.tuningCache()) : TuningCache.defaultFile())
                    .checked(p.tuningCache() != null, p.autotune());
            ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
            try (var task = context.task("kernels", groups.size())) {
                for (int g = 0; g < groups.size(); g++) {
                    KernelsParameters.RunGroup group = groups.get(g);
                    List<DeviceKind> kinds = KernelSelection.devices("runs[" + g + "].devices", group.devices());
                    RunSpec spec = new RunSpec(group.sizes(), KernelSelection.kernels("runs[" + g + "].kernels", group.kernels()),
                            kinds, group.repeats(), group.warmups(), context.seed(), p.maxSlowN(), p.autotune());
                    RunResult r = new SgemmRunner(devices, cache, pool).run(spec, org.scalelab.common.ProgressListener.NONE, s -> { });
                    measured.addAll(r.results());
                    skipped.addAll(r.skipped());
                    failures.addAll(r.failures());
                    tunings.putAll(r.tunings());
                    task.progress(g + 1, groups.size());
                }
            } finally {
                pool.shutdown();
            }
        }
        if (!failures.isEmpty()) {
            RunResult.Note f = failures.get(0);
            throw new IllegalStateException(failures.size() + " measurement(s) rejected, first: " + f.kernel() + " on "
                    + f.device() + " at n=" + f.n() + ": " + f.reason());
        }
        on = on.withLoadAtEnd();
        KernelsReport report = new KernelsReport(measured, shipped, jmh, p, context, on);
        return report.write(new Result(measured, shipped, skipped, failures, tunings, context.seed(), on));
    }
}
