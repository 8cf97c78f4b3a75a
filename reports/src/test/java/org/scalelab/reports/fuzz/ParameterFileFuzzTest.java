package org.scalelab.reports.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.reports.cli.Sections;
import org.scalelab.reports.testing.CliRun;

/**
 * Seeded mutations of every example (see {@link Mutations}) read through the parameter-file parser:
 * each is accepted or rejected with one line {@code file:line[:column] key.path: rule, was value}
 * naming the key that was mutated (or an enclosing one), never with Java or Jackson internals, a
 * line 0 or a value longer than 80 characters; nothing else is thrown. The default build reads
 * {@value #DEFAULT_PER_EXAMPLE} mutations per example; {@code -Dscalelab.fuzz.perExample=N} runs more
 * (scripts/fuzz-long.sh, reported in BENCHMARKS.md). Examples are read in parallel, one task each,
 * on every core.
 */
class ParameterFileFuzzTest {
    static final int DEFAULT_PER_EXAMPLE = 300;
    /** {@code file:line[:column] path: message}. */
    static final Pattern ONE_LINE = Pattern.compile("^(\\S+?):([1-9][0-9]*)(?::[0-9]+)? (\\S+): (.+)$");
    static final Pattern INTERNALS = Pattern.compile("com\\.fasterxml|java\\.|Exception|Cannot deserialize|`|\\bclass\\b|\\$");

    @TempDir
    Path dir;

    @Test
    void everyMutationIsAcceptedOrRejectedInOneNamedLine() throws IOException {
        int perExample = Integer.getInteger("scalelab.fuzz.perExample", DEFAULT_PER_EXAMPLE);
        long seed = Long.getLong("scalelab.fuzz.seed", 20261130L);
        int toRun = Integer.getInteger("scalelab.fuzz.run", DEFAULT_RUNS);
        long start = System.nanoTime();
        List<Path> examples = examples();
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, Integer> runCounts = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        // Every mutant is independent: the whole runs and each example's mutants are tasks on all
        // cores (the runs first, as they are the longest); problems are gathered in a fixed order.
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            Future<List<String>> runs = pool.submit(() -> toRun > 0 ? runAccepted(examples, perExample, seed, toRun, runCounts) : List.<String>of());
            List<Future<List<String>>> perFile = new ArrayList<>();
            for (Path example : examples) {
                perFile.add(pool.submit(() -> mutateAndRead(example, perExample, seed)));
            }
            // a hang anywhere fails the test: reading every file may take 10 minutes (scaled for longer runs), several
            // times what the slowest loaded machine needed
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10L * Math.max(1, perExample / DEFAULT_PER_EXAMPLE));
            for (Future<List<String>> f : perFile) {
                List<String> problems = f.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                counts.merge("ok", perExample - problems.size(), Integer::sum);
                counts.merge("bad", problems.size(), Integer::sum);
                bad.addAll(problems);
            }
            counts.remove("bad", 0);
            // each run has its own limit (runOnce)
            bad.addAll(runs.get((long) (toRun + 1) * 2 * Long.getLong("scalelab.fuzz.timeoutSeconds", 120), TimeUnit.SECONDS));
            counts.putAll(runCounts);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new AssertionError("the mutants could not all be read and run in time: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        System.out.printf(java.util.Locale.ROOT, "fuzz time: %.1f s for %d files and up to %d runs on %d threads%n", (System.nanoTime() - start) / 1e9,
                perExample * examples.size(), toRun, Runtime.getRuntime().availableProcessors());
        System.out.println("fuzz: " + counts + (bad.isEmpty() ? "" : "; first problems:\n  " + String.join("\n  ", bad.subList(0, Math.min(40, bad.size())))));
        assertEquals(List.of(), bad.subList(0, Math.min(20, bad.size())), bad.size() + " problems");
    }

    /** Reads {@code perExample} mutants of one example; returns what was wrong with each bad one. */
    List<String> mutateAndRead(Path example, int perExample, long seed) throws IOException {
        String yaml = Files.readString(example);
        String stem = example.getFileName().toString().replace(".yaml", "");
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < perExample; i++) {
            Mutations.Mutant m = Mutations.of(yaml, seed + stem.hashCode(), i);
            Path file = dir.resolve(stem + "-" + i + ".yaml");
            Files.write(file, m.bytes());
            String problem = check(file, m);
            if (problem != null) {
                bad.add(stem + " #" + i + " (" + m.what() + "): " + problem);
            }
            Files.delete(file);
        }
        return bad;
    }

    /** Accepted mutants run fully in the default build (kinds that run in about a second). */
    static final int DEFAULT_RUNS = 4;
    static final java.util.Set<String> QUICK_KINDS = java.util.Set.of("scaling", "memory");

    /**
     * Runs up to {@code limit} accepted mutants through their section (the quick kinds in the
     * default build, every kind but kernels in the long run), each in a fresh folder with a time
     * limit, and checks their results; counts threads before and after, and runs the first file of
     * each kind twice to check that both runs in this JVM give the same bytes.
     */
    List<String> runAccepted(List<Path> examples, int perExample, long seed, int limit, Map<String, Integer> counts)
            throws IOException {
        boolean all = limit > DEFAULT_RUNS;
        List<String> bad = new ArrayList<>();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int startThreads = threads.getThreadCount();
        int peakThreads = startThreads;
        int ran = 0;
        java.util.Set<String> twice = new java.util.HashSet<>();
        for (int i = 0; i < perExample && ran < limit; i++) {
            for (Path example : examples) {
                if (ran >= limit) {
                    break;
                }
                String stem = example.getFileName().toString().replace(".yaml", "");
                Mutations.Mutant m = Mutations.of(Files.readString(example), seed + stem.hashCode(), i);
                Path file = dir.resolve(stem + "-run-" + i + ".yaml");
                Files.write(file, m.bytes());
                org.scalelab.report.params.ParameterFile pf;
                try {
                    pf = Sections.read(file);
                } catch (InvalidParameterException e) {
                    continue;
                }
                if (pf.kind().equals("kernels") || !all && !QUICK_KINDS.contains(pf.kind())) {
                    continue;
                }
                ran++;
                String outcome = runOnce(pf, dir.resolve("out-" + stem + "-" + i));
                counts.merge("ran " + (outcome == null ? "ok" : outcome.startsWith("rejected") ? "rejected" : "bad"), 1, Integer::sum);
                if (outcome != null && !outcome.startsWith("rejected")) {
                    bad.add(stem + " #" + i + " (" + m.what() + ") ran: " + outcome);
                }
                if (outcome == null && twice.add(pf.kind())) {
                    String again = runOnce(pf, dir.resolve("again-" + stem + "-" + i));
                    byte[] a = Files.readAllBytes(dir.resolve("out-" + stem + "-" + i).resolve("result.json"));
                    byte[] b = Files.readAllBytes(dir.resolve("again-" + stem + "-" + i).resolve("result.json"));
                    boolean same = again == null && java.util.Arrays.equals(a, b);
                    counts.merge("same bytes twice in one JVM", same ? 1 : 0, Integer::sum);
                    if (!same) {
                        bad.add(stem + " #" + i + ": two runs in one JVM differ");
                    }
                }
                peakThreads = Math.max(peakThreads, threads.getThreadCount());
            }
        }
        counts.put("threads at start", startThreads);
        counts.put("threads at peak", peakThreads);
        counts.put("threads at end", threads.getThreadCount());
        return bad;
    }

    /** Null when the run succeeded with a sound result; "rejected: ..." for a one-line rejection; else the fault. */
    static String runOnce(org.scalelab.report.params.ParameterFile pf, Path out) {
        java.util.concurrent.ExecutorService ex = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<org.scalelab.report.SectionReport> f = ex.submit(
                    () -> Sections.write(pf, out, 1, false, org.scalelab.report.cli.ProgressBars.silent()));
            org.scalelab.report.SectionReport r = f.get(Long.getLong("scalelab.fuzz.timeoutSeconds", 120), java.util.concurrent.TimeUnit.SECONDS);
            return impossible(org.scalelab.report.io.Json.MAPPER.valueToTree(r.result()), "");
        } catch (java.util.concurrent.TimeoutException e) {
            return "did not finish in time";
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof InvalidParameterException ipe) {
                return ipe.getMessage().contains("\n") ? "rejection on several lines" : "rejected: " + ipe.getMessage();
            }
            return "threw " + c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            ex.shutdownNow();
        }
    }

    /** A number a result cannot hold: an interval upside down, or a negative time, count, ratio or size. */
    static String impossible(com.fasterxml.jackson.databind.JsonNode node, String path) {
        if (node.isObject()) {
            if (node.has("lo") && node.has("hi") && node.get("lo").isNumber() && node.get("hi").isNumber()
                    && node.get("lo").asDouble() > node.get("hi").asDouble()) {
                return path + ": lo > hi";
            }
            for (var it = node.fields(); it.hasNext();) {
                var e = it.next();
                String found = impossible(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = impossible(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isNumber() && node.asDouble() < 0
                && path.matches("(?i).*(seconds|bytes|flops|ettr|mfu|interruptions|tokens|params|_gb|_gib|hours|days).*")) {
            return path + " = " + node.asDouble();
        }
        return null;
    }

    /** Null when the outcome is acceptable, else what is wrong with it. */
    static String check(Path file, Mutations.Mutant m) {
        try {
            Sections.read(file);
            return null;
        } catch (InvalidParameterException e) {
            return checkMessage(file, m, e.getMessage());
        } catch (RuntimeException | Error e) {
            return "threw " + e;
        }
    }

    static String checkMessage(Path file, Mutations.Mutant m, String message) {
        if (message.contains("\n") || message.contains("\r")) {
            return "several lines: " + message.replace("\n", "\\n");
        }
        String local = message.startsWith(file.toString()) ? message : null;
        if (local == null) {
            return "does not start with the file name: " + message;
        }
        Matcher mm = ONE_LINE.matcher(message);
        if (!mm.matches()) {
            return "not file:line key: rule: " + message;
        }
        if (INTERNALS.matcher(mm.group(4)).find()) {
            return "internals: " + message;
        }
        int was = message.indexOf(", was ");
        String value = was < 0 ? "" : message.substring(was + 6).replaceFirst("\\.\\.\\. \\(\\d+ characters\\).*$", "")
                .replaceFirst("; did you mean .*$", "");
        if (value.length() > 80) {
            return "value over 80 characters: " + message.substring(0, Math.min(200, message.length()));
        }
        if (!m.path().isEmpty() && !namesPath(mm.group(3), m.path(), message)) {
            return "names " + mm.group(3) + ", not " + m.path() + ": " + message;
        }
        return null;
    }

    /** The message's key path is the mutated one, an enclosing one, or one inside it. */
    static boolean namesPath(String named, String mutated, String message) {
        String n = named.replaceAll("\\[\\d+]", "");
        String p = mutated.replaceAll("\\[\\d+]", "");
        String last = p.substring(p.lastIndexOf('.') + 1);
        int cut = p.lastIndexOf('.');
        String parent = cut < 0 ? "" : p.substring(0, cut + 1);
        // a sibling of a deleted or renamed key ("failures.causes" when "failures.table" went) names the same choice
        boolean sibling = !parent.isEmpty() && n.startsWith(parent);
        return p.startsWith(n) || n.startsWith(p) || message.contains(last) || sibling || n.equals("(root)");
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> s = Files.list(CliRun.examples())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
