package org.scalelab.reports.kernels;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.scalelab.kernels.history.HistoryData;
import org.scalelab.kernels.Measurement;
import org.scalelab.report.chart.ChartTheme;
import org.scalelab.report.chart.DataTable;
import org.scalelab.report.ReportContext;
import org.scalelab.report.SectionReport;
import org.scalelab.report.chart.ChartRef;
import org.scalelab.report.SectionReport.Row;
import org.scalelab.report.SectionReport.Table;
import org.scalelab.kernels.params.KernelsParameters;

/** Turns the measurements of a kernels file into charts, tables and headline rows. */
final class KernelsReport {
    /** "measured on <machine>, <date>, load <x>": beside every figure this run measured. */
    private final String measuredLabel;
    private final MeasuredOn on;
    private final List<Measurement> measured;
    private final Map<String, List<Measurement>> shipped;
    private final List<ResultFiles.JmhPoint> jmh;
    private final KernelsParameters p;
    private final ReportContext context;
    private final List<ChartRef> charts = new ArrayList<>();
    private final List<Table> tables = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    KernelsReport(List<Measurement> measured, Map<String, List<Measurement>> shipped, List<ResultFiles.JmhPoint> jmh,
                  KernelsParameters p, ReportContext context, MeasuredOn on) {
        this.on = on;
        this.measuredLabel = on.label();
        this.measured = measured;
        this.shipped = shipped;
        this.jmh = jmh;
        this.p = p;
        this.context = context;
    }

    SectionReport write(KernelsSection.Result result) throws IOException {
        gflopsChart();
        speedupChart();
        historyChart();
        shareChart();
        jmhChart();
        measuredTable();
        for (var s : result.skipped()) {
            notes.add("Skipped " + s.kernel() + " on " + s.device() + " at n=" + s.n() + ": " + s.reason());
        }
        notes.add("Brook (Buck et al. 2004) did not benchmark matrix multiply; the brook-stream kernel is the stream-style formulation a Brook kernel expresses.");
        notes.add("Fatahalian et al. 2004 found GPU matrix multiply less efficient than cache-aware CPU code; their per-device GFLOP/s (Fig. 1) could not be read here and are not shown.");
        notes.add("Timings are the best of the repeats after " + warmups() + " untimed warm-ups on a shared 2-core machine where other builds may run; max_rel_error is checked on "
                + "all rows up to n=256 and on 64 evenly spaced rows above.");
        if (shipped.isEmpty()) {
            notes.add("No GPU results are shipped under gpu-kernels/results/ yet (no GPU was available to this build); GPU charts appear when they are.");
        }
        List<String> sources = List.of(
                "Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., 2002, Eq. 3.13 and Lemma 3.1 (error bound n 2^-23)",
                "Golub and Van Loan, Matrix Computations, 4th ed., 2013, Section 1.1 (2n^3 flops)",
                "Goto and van de Geijn, Anatomy of High-Performance Matrix Multiplication, ACM TOMS 34(3), 2008 (packing, micro-kernel)",
                "Nugteren, Tutorial: OpenCL SGEMM tuning for Kepler, 2014 (tiling, register blocking, padding)",
                HistoryData.THOMPSON, HistoryData.FATAHALIAN, HistoryData.BUCK, HistoryData.LARSEN, HistoryData.VOLKOV, HistoryData.H100);
        return new SectionReport("Matrix-multiply kernels", summary(), headline(), charts, tables, sources, notes, result);
    }

    // ---- selections ------------------------------------------------------------------------

    private static String series(Measurement m) {
        return m.kernel() + " @ " + m.device();
    }

    private List<Measurement> all() {
        List<Measurement> out = new ArrayList<>(measured);
        shipped.values().forEach(out::addAll);
        return out;
    }

    private static boolean isGpu(Measurement m) {
        return "opencl-gpu".equals(m.device()) || m.kernel().startsWith("cublas");
    }

    private static boolean isHostCpu(Measurement m) {
        return "java".equals(m.device()) || "native".equals(m.device());
    }

    private Optional<Measurement> best(int n, java.util.function.Predicate<Measurement> which) {
        return measured.stream().filter(m -> m.n() == n && which.test(m)).max(Comparator.comparingDouble(Measurement::gflops));
    }

    /** The size the headline uses: 1024 when measured with native BLAS, else the largest such n. */
    private Optional<Integer> referenceN() {
        List<Integer> withNative = measured.stream().filter(m -> m.kernel().equals("native-blas")).map(Measurement::n).distinct().toList();
        if (withNative.contains(1024)) {
            return Optional.of(1024);
        }
        return withNative.stream().max(Integer::compare);
    }

    // ---- charts ----------------------------------------------------------------------------

    private void gflopsChart() throws IOException {
        List<Measurement> rows = all();
        if (rows.isEmpty()) {
            return;
        }
        XYChart chart = ChartTheme.xy("SGEMM throughput", "matrix side n (elements, log)", "GFLOP/s, compute only (log)");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        DataTable data = new DataTable("source", "kernel", "device", "device_name", "n", "gflops", "gflops_with_transfers", "ran_on");
        Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
        for (Measurement m : measured) {
            series.computeIfAbsent(series(m), k -> new TreeMap<>()).merge(m.n(), m.gflops(), Math::max);
            data.add("this machine", m.kernel(), m.device(), m.deviceName(), m.n(), m.gflops(), m.gflopsWithTransfers(), m.ranOn());
        }
        shipped.forEach((label, list) -> list.forEach(m -> {
            series.computeIfAbsent(m.kernel() + " @ " + m.deviceName() + " (" + label + ")", k -> new TreeMap<>())
                    .merge(m.n(), m.gflops(), Math::max);
            data.add(label, m.kernel(), m.device(), m.deviceName(), m.n(), m.gflops(), m.gflopsWithTransfers(), m.ranOn());
        }));
        series.forEach((name, pts) -> chart.addSeries(name, pts.keySet().stream().map(Integer::doubleValue).toList(),
                new ArrayList<>(pts.values())));
        charts.add(context.charts().write("gflops-vs-n", "GFLOP/s against n for every kernel and device (log axes): "
                + "this run's measurements (" + measuredLabel + ") and any shipped results (labelled with their machine and date)", chart, data));
    }

    private void speedupChart() throws IOException {
        List<Measurement> gpu = all().stream().filter(KernelsReport::isGpu).toList();
        if (gpu.isEmpty()) {
            return;
        }
        XYChart chart = ChartTheme.xy("GPU over this machine's best CPU kernel", "matrix side n (elements, log)", "speed-up (times, log)");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        DataTable data = new DataTable("gpu_kernel", "gpu_device_name", "n", "gpu_gflops", "cpu_kernel", "cpu_gflops", "speedup");
        Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
        for (Measurement g : gpu) {
            Optional<Measurement> cpu = best(g.n(), KernelsReport::isHostCpu);
            if (cpu.isPresent()) {
                double s = g.gflops() / cpu.get().gflops();
                series.computeIfAbsent(g.kernel() + " @ " + g.deviceName(), k -> new TreeMap<>()).merge(g.n(), s, Math::max);
                data.add(g.kernel(), g.deviceName(), g.n(), g.gflops(), cpu.get().kernel(), cpu.get().gflops(), s);
            }
        }
        if (series.isEmpty()) {
            notes.add("GPU results exist but share no size with this machine's CPU measurements; no speed-up chart.");
            return;
        }
        series.forEach((name, pts) -> chart.addSeries(name, pts.keySet().stream().map(Integer::doubleValue).toList(),
                new ArrayList<>(pts.values())));
        charts.add(context.charts().write("speedup-gpu-over-cpu", "GPU GFLOP/s over the best CPU kernel measured on this machine at the same n", chart, data));
    }

    private void historyChart() throws IOException {
        int year = LocalDate.now(ZoneOffset.UTC).getYear();
        XYChart chart = ChartTheme.xy("Matrix multiply then and now", "year", "GFLOP/s (log)");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisDecimalPattern("0");
        DataTable data = new DataTable("year", "what", "n", "gflops", "speedup_gpu_over_cpu", "origin", "source");
        List<List<String>> rows = new ArrayList<>();
        List<Double> sx = new ArrayList<>(), sy = new ArrayList<>(), ux = new ArrayList<>(), uy = new ArrayList<>();
        for (HistoryData.Point pt : HistoryData.points()) {
            String origin = pt.sourced() ? "published" : "unsourced claim";
            // a study that gives no size has an empty n cell, as the page's "-": never a size of 0
            data.add(pt.year(), pt.what(), pt.n() == 0 ? null : pt.n(), finite(pt.gflops()), finite(pt.speedup()), origin, pt.source());
            rows.add(List.of(Integer.toString(pt.year()), pt.what(), pt.n() == 0 ? "-" : Integer.toString(pt.n()),
                    fmt(pt.gflops()), Double.isNaN(pt.speedup()) ? "-" : String.format(Locale.ROOT, "%.1fx", pt.speedup()), origin));
            if (!Double.isNaN(pt.gflops())) {
                (pt.sourced() ? sx : ux).add((double) pt.year());
                (pt.sourced() ? sy : uy).add(pt.gflops());
            }
        }
        if (!sx.isEmpty()) {
            chart.addSeries("published (sourced)", sx, sy).setMarker(SeriesMarkers.DIAMOND);
        }
        chart.addSeries("unsourced claim: 72 s vs 2.3 s, n=2048 (GPU and CPU)", ux, uy).setMarker(SeriesMarkers.CROSS);
        for (int n : new int[] {1000, 2048}) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (var pick : List.<Map.Entry<String, java.util.function.Predicate<Measurement>>>of(
                    Map.entry("best Java kernel", m -> "java".equals(m.device())),
                    Map.entry("OpenBLAS", m -> "native".equals(m.device())),
                    Map.entry("best OpenCL kernel (this machine)", m -> m.device().startsWith("opencl")))) {
                Optional<Measurement> b = best(n, pick.getValue());
                if (b.isPresent()) {
                    x.add((double) year);
                    y.add(b.get().gflops());
                    String what = "this machine: " + pick.getKey() + " (" + b.get().kernel() + " on " + b.get().deviceName() + ")";
                    data.add(year, what, n, b.get().gflops(), null, measuredLabel, "");
                    rows.add(List.of(Integer.toString(year), what, Integer.toString(n), fmt(b.get().gflops()), "-", measuredLabel));
                }
            }
            shipped.forEach((label, list) -> list.stream().filter(m -> m.n() == n && isGpu(m))
                    .max(Comparator.comparingDouble(Measurement::gflops)).ifPresent(m -> {
                        x.add((double) year);
                        y.add(m.gflops());
                        String what = "GPU " + m.deviceName() + ": " + m.kernel() + " (" + label + ")";
                        data.add(year, what, n, m.gflops(), null, "measured (shipped results)", label);
                        rows.add(List.of(Integer.toString(year), what, Integer.toString(n), fmt(m.gflops()), "-", "measured (shipped results)"));
                    }));
            if (!x.isEmpty()) {
                chart.addSeries("measured " + on.date() + ", n=" + n, x, y);
            }
        }
        charts.add(context.charts().write("history", "Published 2002-2007 matrix-multiply figures (sourced), an unsourced popular claim"
                + " (marked), and today's numbers at n = 1000 and 2048; Thompson et al. 2002 give only a ratio (3.2x at n = 1500), see the table", chart, data));
        tables.add(new Table("Then and now (speed-ups are GPU over the CPU of the same study)",
                List.of("year", "what", "n", "GFLOP/s", "speed-up", "origin"), rows));
    }

    private void shareChart() throws IOException {
        Optional<Integer> ref = referenceN();
        if (ref.isEmpty()) {
            notes.add("No native BLAS measurement: no % of native BLAS chart.");
            return;
        }
        int n = ref.get();
        double nativeGflops = best(n, m -> m.kernel().equals("native-blas")).orElseThrow().gflops();
        CategoryChart chart = ChartTheme.category("Share of OpenBLAS SGEMM at n = " + n, "kernel @ device", "share of OpenBLAS GFLOP/s (%)");
        chart.getStyler().setXAxisLabelRotation(30);
        DataTable data = new DataTable("kernel", "device", "n", "gflops", "percent_of_native_blas", "percent_of_peak");
        List<String> names = new ArrayList<>();
        List<Double> pct = new ArrayList<>();
        List<Double> peak = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Measurement m : measured.stream().filter(m -> m.n() == n).sorted(Comparator.comparingDouble(Measurement::gflops)).toList()) {
            double share = 100 * m.gflops() / nativeGflops;
            Double ofPeak = p.cpuPeakGflops() == null || m.device().equals("opencl-gpu") ? null : 100 * m.gflops() / p.cpuPeakGflops();
            names.add(series(m));
            pct.add(share);
            peak.add(ofPeak == null ? 0.0 : ofPeak);
            data.add(m.kernel(), m.device(), n, m.gflops(), share, ofPeak);
            rows.add(List.of(m.kernel(), m.device(), fmt(m.gflops()), String.format(Locale.ROOT, "%.1f %%", share),
                    ofPeak == null ? "-" : String.format(Locale.ROOT, "%.1f %%", ofPeak)));
        }
        chart.addSeries("% of OpenBLAS", names, pct);
        if (p.cpuPeakGflops() != null) {
            chart.addSeries("% of CPU peak (" + p.cpuPeakSource() + ")", names, peak);
        }
        charts.add(context.charts().write("percent-of-native", "Each kernel's GFLOP/s as a share of OpenBLAS SGEMM on this machine at n = " + n
                + (p.cpuPeakGflops() != null ? ", and of the CPU's FP32 peak" : ""), chart, data));
        tables.add(new Table("Share of OpenBLAS at n = " + n + " (" + measuredLabel + ")",
                List.of("kernel", "device", "GFLOP/s", "% of OpenBLAS", "% of CPU peak"), rows));
        gpuShareTable();
    }

    /** % of cuBLAS and of FP32 peak for shipped GPU results that include cuBLAS rows. */
    private void gpuShareTable() {
        List<List<String>> rows = new ArrayList<>();
        shipped.forEach((label, list) -> {
            Map<Integer, Double> cublas = list.stream().filter(m -> m.kernel().startsWith("cublas"))
                    .collect(Collectors.toMap(Measurement::n, Measurement::gflops, Math::max));
            for (Measurement m : list) {
                double peak = HistoryData.gpuPeakGflops(m.deviceName());
                Double ofCublas = cublas.get(m.n());
                rows.add(List.of(label, m.deviceName(), Integer.toString(m.n()), m.kernel(), fmt(m.gflops()),
                        Double.isNaN(peak) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * m.gflops() / peak),
                        ofCublas == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * m.gflops() / ofCublas)));
            }
        });
        if (!rows.isEmpty()) {
            tables.add(new Table("Shipped GPU results: % of FP32 peak and of cuBLAS (measured elsewhere, see label)",
                    List.of("results", "device", "n", "kernel", "GFLOP/s", "% of FP32 peak", "% of cuBLAS"), rows));
        }
    }

    private void jmhChart() throws IOException {
        if (jmh.isEmpty()) {
            return;
        }
        XYChart chart = ChartTheme.xy("JMH: SGEMM throughput", "matrix side n (elements, log)", "GFLOP/s (log)");
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        DataTable data = new DataTable("benchmark", "n", "gflops", "source");
        Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
        for (ResultFiles.JmhPoint pt : jmh) {
            series.computeIfAbsent(pt.benchmark() + " (" + pt.source() + ")", k -> new TreeMap<>()).merge(pt.n(), pt.gflops(), Math::max);
            data.add(pt.benchmark(), pt.n(), pt.gflops(), pt.source());
        }
        series.forEach((name, pts) -> chart.addSeries(name, pts.keySet().stream().map(Integer::doubleValue).toList(),
                new ArrayList<>(pts.values())));
        charts.add(context.charts().write("jmh-gflops", "Shipped JMH exports, not this run: measured on another day and machine"
                + " (the file name carries the date; gpu-kernels/benchmarks/README.md the machine and load); converted from the primary"
                + " metric to GFLOP/s = 2n^3 / time", chart, data));
    }

    private void measuredTable() {
        if (measured.isEmpty()) {
            return;
        }
        List<List<String>> rows = measured.stream().map(m -> List.of(m.kernel(), m.device(), Integer.toString(m.n()), fmt(m.gflops()),
                fmt(m.gflopsWithTransfers()), String.format(Locale.ROOT, "%.2e", m.maxRelError()), m.ranOn())).toList();
        tables.add(new Table("All measurements on this machine (best of the repeats)",
                List.of("kernel", "device", "n", "GFLOP/s", "GFLOP/s with transfers", "max_rel_error", "ran_on"), rows));
    }

    // ---- text -------------------------------------------------------------------------------

    private List<Row> headline() {
        List<Row> rows = new ArrayList<>();
        Optional<Integer> ref = referenceN();
        if (ref.isPresent()) {
            int n = ref.get();
            Measurement nat = best(n, m -> m.kernel().equals("native-blas")).orElseThrow();
            rows.add(new Row("OpenBLAS SGEMM, n = " + n, fmt(nat.gflops()) + " GFLOP/s", measuredLabel));
            best(n, m -> "java".equals(m.device())).ifPresent(j -> {
                rows.add(new Row("Best Java kernel, n = " + n, j.kernel() + ": " + fmt(j.gflops()) + " GFLOP/s", measuredLabel));
                rows.add(new Row("Best Java kernel as a share of OpenBLAS, n = " + n,
                        String.format(Locale.ROOT, "%.0f %%", 100 * j.gflops() / nat.gflops()), measuredLabel));
            });
        }
        measured.stream().filter(m -> m.device().startsWith("opencl")).max(Comparator.comparingDouble(Measurement::gflops))
                .ifPresent(m -> rows.add(new Row("Best OpenCL kernel", m.kernel() + " on " + m.deviceName() + ", n = " + m.n() + ": "
                        + fmt(m.gflops()) + " GFLOP/s", measuredLabel)));
        rows.add(new Row("Shipped GPU results", shipped.isEmpty() ? "none" : String.join(", ", shipped.keySet()),
                shipped.isEmpty() ? "gpu-kernels/results/" : "measured elsewhere (file labels)"));
        rows.add(new Row("Seed of the input matrices", Long.toString(context.seed()), "input"));
        return rows;
    }

    private String summary() {
        return "Single-precision matrix multiply, C = AB for n x n inputs uniform in [-1, 1), timed as the best of repeated runs"
                + " after " + warmups() + " warm-ups and checked against a double-precision reference (error < n 2^-23). Kernels range from the"
                + " Brook-era stream and multipass formulations to tiled and register-blocked OpenCL kernels (Aparapi), scalar and"
                + " Vector API Java, and OpenBLAS as the native reference.";
    }

    /** The run groups' warm-up counts: "2", or "2 to 5" when groups differ. */
    private String warmups() {
        var counts = (context.full() ? p.fullRuns() : p.runs()).stream().mapToInt(KernelsParameters.RunGroup::warmups)
                .summaryStatistics();
        if (counts.getCount() == 0) {
            return "2";
        }
        return counts.getMin() == counts.getMax() ? Integer.toString(counts.getMin()) : counts.getMin() + " to " + counts.getMax();
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    static String fmt(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        return x >= 100 ? String.format(Locale.ROOT, "%.0f", x) : x >= 10 ? String.format(Locale.ROOT, "%.1f", x)
                : String.format(Locale.ROOT, "%.3g", x);
    }
}
