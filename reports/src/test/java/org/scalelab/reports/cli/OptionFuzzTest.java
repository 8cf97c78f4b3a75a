package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every numeric option of every computing subcommand (and of {@code kernels run}, {@code plan},
 * {@code run} and {@code demo}; {@code sweep}'s are fuzzed in the sweeps module, which carries Spark), fed a negative, zero, NaN, infinite, huge
 * and non-numeric value on top of a working command line: the answer is a success (exit 0, JSON
 * without NaN or Infinity tokens) or a one-line rejection naming the option (exit 2), never an
 * internal error (exit 1), never a hang. The variants of one command line run on every core, each
 * into its own folder.
 */
class OptionFuzzTest {
    static final List<String> BAD = List.of("-1", "0", "NaN", "Infinity", "1e308", "abc");

    @TempDir
    static Path dir;

    @ParameterizedTest
    @ValueSource(strings = {
        "scaling loss --params 70e9 --tokens 1.4e12 --law epoch --format json",
        "scaling optimal --compute-flops 5.76e23 --law epoch --format json",
        "cluster collective --op all-reduce --algorithm ring --ranks 8 --bytes 1e9 --bandwidth-gb-per-s 450 --format json",
        "cluster checkpoint-interval --mtbf-hours 24 --checkpoint-seconds 300 --restart-seconds 600 --format json",
        "cluster simulate --mtbf-hours 3 --checkpoint-seconds 60 --restart-seconds 600 --interval daly --days 5 --replications 20 --format json",
        "cluster step --model gpt3-175b --seq 2048 --micro-batch 1 --grad-accum 32 --gpus 1024 --format json",
        "memory --params 7.5e9 --dp 64 --zero 3 --gpu-memory-gb 32 --format json",
        "memory max-model --gpu-memory-gb 32 --dp 64 --zero 3 --format json",
        "memory deepspeed --params 2851e6 --largest-layer-params 32e6 --gpus-per-node 8 --nodes 1 --zero 3 --format json",
        "scaling fit --data epoch-chinchilla --exclude-top-loss 5 --approach 3 --format json",
        "kernels run --kernels ikj --devices java --sizes 32 --repeats 1 --out %OUT%/kernels --format json",
        "plan --params 1e9 --tokens 2e10 --gpus 8 --gpu h100-sxm --seq 2048 --no-failures --out %OUT%/plan --format json",
        "run ../examples/scaling-budgets.yaml --out %OUT%/run --format json",
        "demo --examples %EXAMPLES% --out %OUT%/demo --format json",
    })
    void everyNumericOptionAnswersOrRejectsInOneLine(String base) throws Exception {
        // demo runs a folder of its own: one quick example (the sweep example needs the Spark jar;
        // its options are fuzzed in the sweeps module)
        Path examples = dir.resolve("examples");
        if (!Files.isDirectory(examples)) {
            Files.createDirectories(examples);
            Files.copy(Path.of("../examples/scaling-budgets.yaml"), examples.resolve("scaling-budgets.yaml"));
        }
        List<String> args = command(base, dir.resolve("base"), examples);
        CommandLine cl = ScaleLab.commandLine();
        CommandLine sub = cl;
        for (String a : args) {
            if (a.startsWith("-")) {
                break;
            }
            sub = sub.getSubcommands().getOrDefault(a, sub);
        }
        long start = System.nanoTime();
        assertEquals(0, run(cl, args).code, "the base command must work: " + base);
        List<Variant> variants = new ArrayList<>();
        for (OptionSpec o : sub.getCommandSpec().options()) {
            if (!numeric(o) || o.longestName().equals("--threads")) {
                continue;
            }
            for (String bad : BAD) {
                // each variant writes into its own folder, so that variants can run at once
                Path out = dir.resolve("v" + VARIANT.incrementAndGet());
                // an int option saturates past its range, so its own bound must refuse 1e308 (and 3e9)
                boolean isInt = o.type() == Integer.class || o.type() == int.class;
                variants.add(new Variant(with(command(base, out, examples), o.longestName(), bad), o.longestName(), out,
                        isInt && bad.equals("1e308")));
            }
        }
        List<String> problems = new ArrayList<>();
        List<String> outcomes = runAll(variants);
        for (int v = 0; v < variants.size(); v++) {
            if (outcomes.get(v) != null) {
                List<String> a = variants.get(v).args();
                problems.add(String.join(" ", a.subList(0, Math.min(a.size(), 40))) + " -> " + outcomes.get(v));
            }
        }
        System.out.printf(java.util.Locale.ROOT, "option fuzz: %d variants in %.1f s: %s%n", variants.size(), (System.nanoTime() - start) / 1e9, base);
        assertEquals(List.of(), problems);
    }

    private static final java.util.concurrent.atomic.AtomicInteger VARIANT = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A command line with one option's value replaced, the folder it writes into, and whether the
     * value is past the range of that (int) option, so that a success is wrong.
     */
    record Variant(List<String> args, String option, Path out, boolean pastInt) { }

    /** The command line of {@code base} with its output folder {@code out}. */
    static List<String> command(String base, Path out, Path examples) {
        return new ArrayList<>(Arrays.asList(base.replace("%OUT%", out.toString()).replace("%EXAMPLES%", examples.toString()).split(" ")));
    }

    /**
     * Runs the variants on every core and judges each (null: fine). Each worker thread reuses one
     * command line (picocli resets every option before it parses), since building the whole command
     * tree costs more than most of the commands it runs; one left behind by a hung run is never reused.
     */
    static List<String> runAll(List<Variant> variants) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        ThreadLocal<CommandLine[]> own = ThreadLocal.withInitial(() -> new CommandLine[1]);
        try {
            List<Future<String>> judged = new ArrayList<>();
            for (Variant v : variants) {
                judged.add(workers.submit(() -> {
                    CommandLine[] mine = own.get();
                    if (mine[0] == null) {
                        mine[0] = ScaleLab.commandLine();
                    }
                    Outcome r = run(mine[0], v.args());
                    if (r.code == -1) {
                        mine[0] = null;
                    } else {
                        org.scalelab.report.io.ReportFolders.deleteTree(v.out());
                    }
                    return v.pastInt() && r.code == 0 ? "accepted " + v.args().get(v.args().indexOf(v.option()) + 1)
                            + ", past the range of an int option (it would run at 2^31 - 1)" : judge(v.option(), r);
                }));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> f : judged) {
                // each run has its own limit (run); this only bounds the queue
                out.add(f.get((long) variants.size() * 60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            workers.shutdownNow();
        }
    }

    static boolean numeric(OptionSpec o) {
        Class<?> t = o.type();
        if (List.class.isAssignableFrom(t) && o.auxiliaryTypes().length > 0) {
            t = o.auxiliaryTypes()[0];
        }
        return Number.class.isAssignableFrom(t) || t == int.class || t == long.class || t == double.class;
    }

    static String judge(String option, Outcome r) {
        if (r.code == -1) {
            return "did not finish in 60 s";
        }
        if (r.code == 0) {
            return r.out.matches("(?s).*\\b(NaN|-?Infinity)\\b.*") ? "printed NaN or Infinity: " + r.out : null;
        }
        if (r.code != 2) {
            return "exit " + r.code + ": " + r.err;
        }
        String err = r.err.strip();
        if (err.contains("\n")) {
            return "several lines: " + err;
        }
        // The mutated option, or another option whose rule it broke jointly (--layers is required
        // with --hidden); never a file key or a derived quantity (mtbf_seconds for --mtbf-hours).
        if (!err.contains(option) && !err.matches("^scalelab: --[a-z0-9-]+: .*")) {
            return "does not name " + option + ": " + err;
        }
        return null;
    }

    static List<String> with(List<String> args, String option, String value) {
        List<String> out = new ArrayList<>(args);
        int i = out.indexOf(option);
        if (i >= 0) {
            out.set(i + 1, value);
        } else {
            out.add(option);
            out.add(value);
        }
        return out;
    }

    record Outcome(int code, String out, String err) { }

    static Outcome run(List<String> args) throws Exception {
        return run(ScaleLab.commandLine(), args);
    }

    static Outcome run(CommandLine cl, List<String> args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> f = ex.submit(() -> cl.execute(args.toArray(String[]::new)));
            return new Outcome(f.get(60, TimeUnit.SECONDS), out.toString(), err.toString());
        } catch (TimeoutException e) {
            return new Outcome(-1, out.toString(), err.toString());
        } finally {
            ex.shutdownNow();
        }
    }
}
