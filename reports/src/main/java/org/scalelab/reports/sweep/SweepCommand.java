package org.scalelab.reports.sweep;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Seeds;
import org.scalelab.report.ReportWriter;
import org.scalelab.report.SectionReport;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.Provenance;
import org.scalelab.report.cli.OutDirOptions;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.params.Kinds;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.reports.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code scalelab sweep FILE}: runs a {@code kind: sweep} file on Apache Spark, in this JVM
 * ({@code local[*]}) or on a cluster ({@code --master spark://HOST:7077}).
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run a parameter grid (kind: sweep) x Monte-Carlo replications on Apache Spark.",
            "Writes points.csv, points.parquet/, charts and index.html into --out. Every point is checked before anything runs.",
            "Runs inside this JVM by default (local[*]); --master spark://HOST:7077 sends the same job to a standalone cluster."},
        footer = {"", "Examples:", "  scalelab sweep examples/sweep-llama3-ettr.yaml --out out/sweep",
            "  scalelab sweep examples/sweep-llama3-ettr.yaml --master spark://10.0.0.5:7077 --partitions 64",
            "  spark-submit --master spark://10.0.0.5:7077 \\",
            "      --class org.scalelab.reports.cli.ScaleLab \\",
            "      sweeps/target/scalelab-sweeps.jar \\",
            "      sweep examples/sweep-llama3-ettr.yaml --out out/sweep"})
public final class SweepCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A kind: sweep parameter file (.yaml, .yml or .json).")
    Path file;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*], local[N], spark://HOST:PORT, yarn, k8s://... (default: the file's master:, "
                    + "else spark-submit's --master, else local[*]).")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Spark tasks (default: the file's partitions:, else twice the cores Spark has, at most one per point).")
    Integer partitions;

    @Option(names = "--seed", converter = org.scalelab.report.cli.NumberConverters.Exact.class, paramLabel = "N", description = "Master seed, overriding the file's seed: (point i's seed is split from it). Default: the file's, else " + Seeds.DEFAULT + ".")
    Long seed;

    @Mixin
    OutputOptions output;

    @Mixin
    OutDirOptions outDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (seed != null && seed < 0) {
            throw new InvalidParameterException("seed", "must be >= 0", seed);
        }
        if (partitions != null) {
            org.scalelab.common.Check.inRange("partitions", partitions, 1, SweepParameters.MAX_PARTITIONS);
        }
        ParameterFile read = ParameterFiles.read(file, Kinds.of(Map.of("sweep", SweepParameters.class)));
        SweepParameters p = ((SweepParameters) read.parameters()).withMaster(master).withPartitions(partitions);
        ParameterFile sweep = new ParameterFile(read.path(), read.kind(), read.name(), read.seed(), p, read.text(), read.lines());
        Path out = outDir.outOr("sweep");
        boolean existed = !outDir.created();
        SectionReport report;
        try {
            report = ReportWriter.write(new SweepSection(), sweep, out, ReportWriter.seedFor(sweep, seed), false, ProgressBars.get(),
                    Version.current());
        } catch (InvalidParameterException e) {
            removeIfEmpty(out, existed);
            // a value the user gave as an option is named by the option (--master), not by the file's key
            if (e.getCause() instanceof InvalidParameterException inner
                    && (master != null && inner.field().equals("master") || partitions != null && inner.field().equals("partitions"))) {
                throw inner;
            }
            throw e;
        }
        PrintWriter err = spec.commandLine().getErr();
        err.println("scalelab: " + file + " -> " + out.resolve("index.html"));
        err.flush();
        long used = ReportWriter.seedFor(sweep, seed);
        Output.print(spec.commandLine().getOut(), output.format, output.format == OutputOptions.Format.json ? report.result()
                : new Headline(file.toString(), used, out.resolve("points.csv").toString(), report.headline()),
                Provenance.of(spec).seed(used, read.seed() != null));
        return 0;
    }

    /** The table/CSV view. */
    public record Headline(String file, long seed, String points, List<SectionReport.Row> headline) { }

    /** A sweep rejected before it ran leaves no folder behind that it created. */
    private static void removeIfEmpty(Path out, boolean existed) throws IOException {
        if (existed || !Files.isDirectory(out)) {
            return;
        }
        try (Stream<Path> s = Files.list(out)) {
            if (s.findAny().isEmpty()) {
                Files.delete(out);
            }
        }
    }
}
