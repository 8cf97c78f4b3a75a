package org.scalelab.sweeps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.report.ReportWriter;
import org.scalelab.report.params.Kinds;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.reports.cli.ScaleLab;
import org.scalelab.reports.sweep.SweepParameters;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code scalelab sweep} fed bad options and seeded mutations of sweep files ({@link SweepMutations})
 * on the shared local[2] session. Every answer is a success (exit 0, JSON without NaN or Infinity,
 * a whole {@code points.csv} with no interval upside down) or a rejection with exit 2 on one line
 * naming the option or the mutated key path ({@code file:line key.path: rule, was value}, the
 * value at most 80 characters, no Java or Spark internals) that leaves no output behind; nothing
 * takes longer than {@value SweepCommands#LIMIT_SECONDS} s. Mutants that the driver's check
 * accepts are run on Spark only when small (a few points of a deterministic kind); the others are
 * counted as accepted.
 */
class SweepFuzzTest {
    static final int PER_FILE = Integer.getInteger("scalelab.fuzz.sweepsPerFile", 72);
    static final Pattern ONE_LINE = Pattern.compile("^scalelab: (\\S+?):([1-9][0-9]*)(?::[0-9]+)? (\\S+): (.+)$");
    static final Pattern INTERNALS = Pattern.compile("com\\.fasterxml|org\\.apache|java\\.|Exception|Cannot deserialize|`|\\bclass\\b|\\$");

    @TempDir
    static Path dir;

    @BeforeAll
    static void session() {
        TestSpark.local2();
    }

    @Test
    void everyOptionAnswersOrRejectsInOneLineNamingIt() throws Exception {
        Path file = resource("fuzz-memory-sweep.yaml");
        Path aFile = Files.writeString(dir.resolve("a-file.txt"), "not a folder");
        Path full = dir.resolve("full");
        Files.createDirectories(full);
        Files.writeString(full.resolve("notes.txt"), "someone else's file");
        Map<String, List<String>> bad = new TreeMap<>(Map.of(
                "--master", List.of("", " ", "local[0]", "local[-1]", "local[abc]", "local[*", "local[100000]", "bogus", "spark://",
                        "spark://127.0.0.1:1", "mesos://h:5050", "yarn", "x".repeat(10_000)),
                "--partitions", List.of("-1", "0", "NaN", "Infinity", "1e308", "abc", "2147483647", "100001", "9.3e18", ""),
                "--seed", List.of("-1", "0", "NaN", "Infinity", "1e308", "abc", "9.3e18", ""),
                "--out", List.of("", "/", aFile.toString(), aFile.resolve("below").toString(), full.toString()),
                "--format", List.of("xml", "", "1")));
        CommandLine.Model.CommandSpec spec = ScaleLab.commandLine().getSubcommands().get("sweep").getCommandSpec();
        List<String> problems = new ArrayList<>();
        int variant = 0;
        for (OptionSpec o : spec.options()) {
            if (o.arity().max() == 0) {
                continue;
            }
            List<String> values = bad.remove(o.longestName());
            if (values == null) {
                problems.add(o.longestName() + ": an option without bad values to try (add them here)");
                continue;
            }
            for (String value : values) {
                Path out = dir.resolve("opt-" + variant++);
                List<String> args = new ArrayList<>(List.of("sweep", file.toString(), "--out", out.toString(), "--format", "json"));
                int i = args.indexOf(o.longestName());
                if (i >= 0) {
                    args.set(i + 1, value);
                } else {
                    args.add(o.longestName());
                    args.add(value);
                }
                Path target = o.longestName().equals("--out") && !value.isBlank() ? Path.of(value) : out;
                boolean existed = Files.exists(target);
                SweepCommands.Outcome r = SweepCommands.run(args);
                String problem = SweepCommands.judgeOption(o.longestName(), r, target, existed);
                if (problem != null) {
                    problems.add(o.longestName() + " " + SweepCommands.shorten(value) + " -> " + problem);
                }
            }
        }
        problems.addAll(bad.keySet().stream().map(k -> k + ": no such option of sweep").toList());
        assertEquals(List.of(), problems);
        assertEquals("not a folder", Files.readString(aFile), "a file given as --out is left as it was");
    }

    @Test
    void everyMutatedSweepFileIsRejectedInOneNamedLineBeforeAnyWorkOrRuns() throws Exception {
        long seed = Long.getLong("scalelab.fuzz.seed", 20261130L);
        List<Path> bases = List.of(examples().resolve("sweep-llama3-ettr.yaml"), examples().resolve("sweep-chinchilla-budgets.yaml"),
                resource("whatif-sweep.yaml"), resource("fuzz-memory-sweep.yaml"), resource("fuzz-plan-sweep.yaml"));
        Map<String, Integer> counts = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int runs = 0;
        for (Path base : bases) {
            String yaml = Files.readString(base);
            String stem = base.getFileName().toString().replace(".yaml", "");
            for (int i = 0; i < PER_FILE; i++) {
                SweepMutations.Mutant m = SweepMutations.of(yaml, seed + stem.hashCode(), i);
                Path file = Files.write(dir.resolve(stem + "-" + i + ".yaml"), m.bytes());
                Path out = dir.resolve("out-" + stem + "-" + i);
                String problem;
                SweepPlan plan;
                try {
                    plan = SweepCommands.checked(() -> plan(file));
                } catch (InvalidParameterException e) {
                    plan = null;
                } catch (Throwable t) {
                    problems.add(stem + " #" + i + " (" + m.what() + "): the check threw " + SweepCommands.shorten(t.toString()));
                    continue;
                }
                if (plan == null) {
                    SweepCommands.Outcome r = SweepCommands.run(List.of("sweep", file.toString(), "--out", out.toString(), "--format", "json"));
                    problem = judgeRejection(file, m, r, out);
                    counts.merge(problem == null ? "rejected in one named line" : "bad", 1, Integer::sum);
                } else if (runs < 4 && plan.replications() * (long) plan.points().size() <= 64 && !plan.kind().kind().equals("cluster")) {
                    runs++;
                    SweepCommands.Outcome r = SweepCommands.run(List.of("sweep", file.toString(), "--out", out.toString(), "--format", "json"));
                    problem = SweepCommands.judgeRun(r, out, plan.points().size());
                    counts.merge(problem == null ? "accepted and run" : "bad", 1, Integer::sum);
                } else {
                    problem = null;
                    counts.merge("accepted (checked, not run)", 1, Integer::sum);
                }
                if (problem != null) {
                    problems.add(stem + " #" + i + " (" + m.what() + "): " + problem);
                }
                Files.delete(file);
            }
        }
        System.out.println("sweep fuzz: " + counts);
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), problems.size() + " problems");
    }

    /** What {@code scalelab sweep} checks before Spark starts: the file, then every point. */
    static SweepPlan plan(Path file) {
        ParameterFile pf = ParameterFiles.read(file, Kinds.of(Map.of("sweep", SweepParameters.class)));
        try {
            return SparkSweepRunner.plan((SweepParameters) pf.parameters(), ReportWriter.seedFor(pf, null));
        } catch (InvalidParameterException e) {
            throw ParameterFiles.located(pf, e);
        }
    }

    /** Null when {@code r} is exit 2 with one line naming the mutated key and nothing was written. */
    static String judgeRejection(Path file, SweepMutations.Mutant m, SweepCommands.Outcome r, Path out) throws IOException {
        String common = SweepCommands.commonProblem(r, out, false);
        if (common != null) {
            return common;
        }
        if (r.code() != 2) {
            return "the check rejected it, the command exited " + r.code() + ": " + SweepCommands.shorten(r.err());
        }
        String err = r.err().strip();
        Matcher mm = ONE_LINE.matcher(err);
        if (!err.startsWith("scalelab: " + file) || !mm.matches()) {
            return "not 'file:line key: rule': " + SweepCommands.shorten(err);
        }
        if (INTERNALS.matcher(mm.group(4)).find()) {
            return "internals: " + SweepCommands.shorten(err);
        }
        int was = err.indexOf(", was ");
        String value = was < 0 ? "" : err.substring(was + 6).replaceFirst("\\.\\.\\. \\(\\d+ characters\\).*$", "")
                .replaceFirst("; did you mean .*$", "");
        if (value.length() > 80) {
            return "value over 80 characters: " + SweepCommands.shorten(err);
        }
        String named = mm.group(3).replaceAll("\\[\\d+]", "");
        String p = m.path();
        // a value that breaks a rule with another key is named where that key is, with the mutated one in the
        // rule (an axis value, or a base key an axis goes through)
        boolean names = named.startsWith(p) || p.startsWith(named) || (p.startsWith("axes.") || p.startsWith("base."))
                && (named.startsWith("axes") || named.startsWith("base")) && err.contains(p.substring(5));
        return names ? null : "names " + mm.group(3) + ", not " + p + ": " + SweepCommands.shorten(err);
    }

    static Path resource(String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            try (InputStream in = SweepFuzzTest.class.getResourceAsStream("/" + name)) {
                Files.copy(in, p);
            }
        }
        return p;
    }

    static Path examples() {
        Path root = Path.of("").toAbsolutePath();
        return Files.isDirectory(root.resolve("examples")) ? root.resolve("examples") : root.getParent().resolve("examples");
    }
}
