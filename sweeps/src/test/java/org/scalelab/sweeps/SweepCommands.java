package org.scalelab.sweeps;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.scalelab.reports.cli.ScaleLab;
import picocli.CommandLine;

/** Runs {@code scalelab sweep} command lines in this JVM with a time limit, and judges what they did. */
final class SweepCommands {
    /**
     * Longest any one command or check may take before it counts as a hang: generous, since a
     * machine shared with other builds (load 20 on 2 cores) took over a minute for the first Spark job.
     */
    static final int LIMIT_SECONDS = 300;

    private SweepCommands() {}

    /** Exit code (-1: still running after the limit), stdout and stderr. */
    record Outcome(int code, String out, String err) { }

    static Outcome run(List<String> args) throws InterruptedException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = ScaleLab.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        try {
            return new Outcome(checked(() -> cl.execute(args.toArray(String[]::new))), out.toString(), err.toString());
        } catch (TimeoutException e) {
            return new Outcome(-1, out.toString(), err.toString());
        }
    }

    /** {@code task}'s value, or its exception rethrown, or a {@link TimeoutException} after {@value #LIMIT_SECONDS} s. */
    static <T> T checked(Callable<T> task) throws TimeoutException, InterruptedException {
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            return ex.submit(task).get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error er) {
                throw er;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            ex.shutdownNow();
        }
    }

    /**
     * What is wrong whatever the exit: a hang, an internal error, a stack trace, a rejection that
     * left output behind (folder {@code out}, or the leftovers of a fresh folder beside it).
     */
    static String commonProblem(Outcome r, Path out, boolean existed) throws IOException {
        if (r.code() == -1) {
            return "did not finish in " + LIMIT_SECONDS + " s";
        }
        if (r.code() != 0 && r.code() != 2) {
            return "exit " + r.code() + ": " + shorten(r.err());
        }
        if (r.err().contains("\tat ") || r.err().contains("Exception")) {
            return "a stack trace or exception: " + shorten(r.err());
        }
        if (r.code() == 2 && !existed && Files.exists(out)) {
            return "rejected but wrote " + out;
        }
        if (r.code() == 2 && out.getParent() != null && Files.isDirectory(out.getParent())) {
            try (Stream<Path> s = Files.list(out.getParent())) {
                List<Path> left = s.filter(p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".")).toList();
                if (!left.isEmpty()) {
                    return "rejected but left " + left;
                }
            }
        }
        return null;
    }

    /** Null when an option's bad value was answered in one line naming it, or run to a sound result. */
    static String judgeOption(String option, Outcome r, Path out, boolean existed) throws IOException {
        String common = commonProblem(r, out, existed);
        if (common != null) {
            return common;
        }
        if (r.code() == 0) {
            return judgeRun(r, out, -1);
        }
        String err = r.err().strip();
        if (err.contains("\n")) {
            return "several lines: " + shorten(err);
        }
        // the option itself, or (like OptionFuzzTest) another option whose rule it broke jointly
        if (!err.contains(option) && !err.matches("^scalelab: --[a-z0-9-]+: .*")) {
            return "does not name " + option + ": " + shorten(err);
        }
        return null;
    }

    /**
     * Null when a run printed JSON without NaN or Infinity and wrote a {@code points.csv} of
     * {@code points} rows (any number when negative) with every interval's low end at most its mean
     * and its high end at least its mean.
     */
    static String judgeRun(Outcome r, Path out, int points) throws IOException {
        if (r.code() != 0) {
            return "exit " + r.code() + ": " + shorten(r.err());
        }
        if (r.out().matches("(?s).*\\b(NaN|-?Infinity)\\b.*")) {
            return "printed NaN or Infinity: " + shorten(r.out());
        }
        Path csv = out.resolve("points.csv");
        if (!Files.isRegularFile(csv)) {
            return "succeeded without " + csv;
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (points >= 0 && lines.size() != points + 1) {
            return "points.csv has " + (lines.size() - 1) + " rows for " + points + " points";
        }
        String[] header = lines.get(0).split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            for (int c = 0; c + 2 < header.length; c++) {
                if (header[c].endsWith("_mean") && header[c + 1].endsWith("_lo95") && !cells[c].isEmpty() && !cells[c + 1].isEmpty()
                        && !cells[c + 2].isEmpty() && !(Double.parseDouble(cells[c + 1]) <= Double.parseDouble(cells[c])
                        && Double.parseDouble(cells[c]) <= Double.parseDouble(cells[c + 2]))) {
                    return "points.csv: " + header[c] + " outside its interval: " + line;
                }
            }
        }
        return null;
    }

    static String shorten(String s) {
        String one = s.strip().replace("\n", "\\n");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
