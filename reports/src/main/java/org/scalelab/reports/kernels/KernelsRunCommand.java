package org.scalelab.reports.kernels;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Seeds;
import org.scalelab.kernels.DeviceKind;
import org.scalelab.kernels.run.Devices;
import org.scalelab.kernels.Measurement;
import org.scalelab.kernels.run.RunResult;
import org.scalelab.kernels.run.RunSpec;
import org.scalelab.kernels.run.SgemmRunner;
import org.scalelab.kernels.gpu.Tuning;
import org.scalelab.kernels.gpu.TuningCache;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutDirOptions;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.io.AtomicFiles;
import org.scalelab.report.io.Json;
import org.scalelab.report.io.ReportFolders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import org.scalelab.kernels.params.KernelSelection;

/**
 * {@code scalelab kernels run}: times every requested kernel on every matching device and size.
 * Exit 1 when any measurement failed (ran on the wrong device or gave a wrong result); the
 * measurements that passed are still printed.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Time SGEMM kernels: best of --repeats runs after --warmups untimed runs, checked against a double-precision reference.",
            "Writes results.json into --out (default out/kernels-run) as well as printing it, as every report is written:"
                    + " into a fresh folder, then swapped in whole over an earlier run's folder; into a folder of other files"
                    + " it is moved beside them, and refused (exit 2, before any timing) when one is already called"
                    + " results.json."},
        footer = {"", "Examples:", "  scalelab kernels run --sizes 1024 --devices java,native --format json",
            "  scalelab kernels run --devices opencl-gpu --autotune --format json > results.json"})
public final class KernelsRunCommand implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "256,512,1000,1024,2048",
            description = "Matrix sides n (n x n floats). Default: ${DEFAULT-VALUE}.")
    List<Integer> sizes;

    @Option(names = "--kernels", split = ",", paramLabel = "NAME", defaultValue = "all",
            description = "Kernels: all, or names from brook-stream, multipass, tiled, register-blocked, naive-ijk, ikj, blocked, "
                    + "blocked-parallel, vector-api, native-blas. Default: ${DEFAULT-VALUE}.")
    List<String> kernels;

    @Option(names = "--devices", split = ",", paramLabel = "KIND", defaultValue = "all",
            description = "Device kinds: all, or opencl-gpu, opencl-cpu, opencl-other, opencl (every OpenCL kind), jtp (Aparapi's Java thread pool), "
                    + "java, native. Naming a kind that has no device is an error. Default: ${DEFAULT-VALUE}.")
    List<String> devices;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Timed runs per measurement; the fastest counts (count). Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--warmups", paramLabel = "N", defaultValue = "2", description = "Untimed runs before timing, at least 2 (count). Default: ${DEFAULT-VALUE}.")
    int warmups;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Seeds.DEFAULT,
            description = "Seed of the input matrices (uniform in [-1, 1)). Default: ${DEFAULT-VALUE}, the master seed every"
                    + " command uses.")
    long seed;

    @Option(names = "--max-slow-n", paramLabel = "N", defaultValue = "512",
            description = "Largest n for kernels without data reuse on CPU devices (naive-ijk; brook-stream and multipass on CPUs) (matrix side). Default: ${DEFAULT-VALUE}.")
    int maxSlowN;

    @Option(names = "--autotune", description = "Search the register-blocked kernel's tuning on each OpenCL device and cache the winner. Default: ${DEFAULT-VALUE}.")
    boolean autotune;

    @Option(names = "--tuning-cache", paramLabel = "FILE",
            description = "JSON file of tunings per device, read for the OpenCL devices and written by --autotune;"
                    + " checked before any timing: a folder, a file that is not such a cache, or a missing one without"
                    + " --autotune exits 2. Default: ~/.scalelab/kernels-tuning.json (may be absent).")
    Path tuningCache;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads of the ForkJoin kernels, 0 = one per CPU core (count). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Mixin
    OutputOptions output;

    @Mixin
    OutDirOptions outDir;

    @Spec
    CommandSpec spec;

    /**
     * What {@code kernels run --format json} prints ({@code results} first).
     *
     * @param results  measurements that ran where asked and passed the accuracy check
     * @param skipped  combinations not run, with the reason
     * @param failures rejected measurements, with the reason
     * @param tunings  the tuning each OpenCL device used, by {@code ran_on}
     * @param seed     seed of the inputs
     */
    public record RunOutput(List<Measurement> results, List<RunResult.Note> skipped, List<RunResult.Note> failures,
                            Map<String, Tuning> tunings, long seed) { }

    /** The table and CSV views show the measurements only (notes go to stderr). */
    public record ResultsOnly(List<Measurement> results) { }

    /** The file this command writes into {@code --out}. */
    static final String RESULTS = "results.json";

    @Override
    public Integer call() throws IOException {
        List<DeviceKind> kinds = KernelSelection.devices("devices", devices);
        RunSpec runSpec = new RunSpec(sizes, KernelSelection.kernels("kernels", kernels), kinds,
                repeats, warmups, seed, maxSlowN, autotune);
        if (threads < 0) {
            throw new org.scalelab.common.InvalidParameterException("threads", "must be >= 0", threads);
        }
        Path dir = outDir.outOr("kernels-run"); // a bad --out fails before minutes of timing, not after
        ReportFolders.checkReplaceable(dir, RESULTS);
        TuningCache cache = new TuningCache(tuningCache != null ? tuningCache : TuningCache.defaultFile())
                .checked(tuningCache != null, autotune);
        PrintWriter err = spec.commandLine().getErr();
        Devices found = Devices.discover(kinds.stream().anyMatch(DeviceKind::isOpenCl));
        boolean explicit = !(devices.size() == 1 && "all".equals(devices.get(0)));
        for (DeviceKind k : kinds) {
            if (explicit && found.ofKinds(List.of(k)).isEmpty() && k != DeviceKind.OPENCL_OTHER
                    && !(k.isOpenCl() && devices.contains("opencl"))) {
                throw new InvalidParameterException("--devices " + k.key() + ": no such device on this machine"
                        + (k.isOpenCl() && found.openClProblem() != null ? " (" + found.openClProblem() + ")" : "")
                        + (k == DeviceKind.NATIVE ? " (" + org.scalelab.kernels.cpu.NativeBlas.problem() + ")" : ""));
            }
        }
        if (kinds.stream().anyMatch(DeviceKind::isOpenCl) && !found.openCl().isEmpty()
                && !String.valueOf(System.getenv("LD_PRELOAD")).contains("libjsig")) {
            err.println("scalelab kernels: note: OpenCL drivers built on LLVM (PoCL) replace the JVM's SIGSEGV handler,"
                    + " which can crash the JVM (exit 139); run with LD_PRELOAD=$JAVA_HOME/lib/libjsig.so");
        }
        ForkJoinPool pool = new ForkJoinPool(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        RunResult r;
        try (var task = ProgressBars.get().start("kernels", 1)) {
            r = new SgemmRunner(found, cache, pool)
                    .run(runSpec, task, line -> err.println("scalelab kernels: " + line));
        } finally {
            pool.shutdown();
        }
        r.skipped().forEach(s -> err.println("scalelab kernels: skipped " + s.kernel() + " on " + s.device() + " at n="
                + s.n() + ": " + s.reason()));
        RunOutput out = new RunOutput(r.results(), r.skipped(), r.failures(), r.tunings(), r.seed());
        String json = Json.write(out) + "\n";
        ReportFolders.replace(dir, fresh -> {
            AtomicFiles.writeString(fresh.resolve(RESULTS), json);
            return null;
        });
        err.println("scalelab kernels: wrote " + dir.resolve(RESULTS));
        err.flush();
        Provenance provenance = Provenance.of(spec);
        Output.print(spec.commandLine().getOut(), output.format,
                output.format == OutputOptions.Format.table ? new ResultsOnly(r.results()) : out, provenance);
        return r.failures().isEmpty() ? 0 : 1;
    }
}
