package org.scalelab.reports.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.scalelab.common.Seeds;
import org.scalelab.report.io.ReportFolders;
import org.scalelab.report.HtmlIndex;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.ReportWriter;
import org.scalelab.report.SectionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.OutDirOptions;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.reports.Version;

/**
 * {@code scalelab run FILE...}: parses every file first (so bad input fails before anything is
 * written), then runs each into its own folder and prints the headline numbers.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run parameter files (YAML or JSON) and write charts (PNG, SVG), their data (CSV, JSON) and index.html into --out.",
            "Each file writes into its own subfolder of --out, named after the file (memory-zero-7.5b.yaml -> --out/memory-zero-7.5b/),",
            "even when there is only one; files of the same name get NAME, NAME-2, ... in argument order; --out/index.html links them.",
            "With --format json, one file prints its result object; several print {\"runs\": [...]}."},
        footer = {"", "Example:", "  scalelab run examples/memory-zero-7.5b.yaml --out out/memory"})
public final class RunCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Parameter files (.yaml, .yml or .json).")
    List<Path> files;

    @Mixin
    OutputOptions output;

    @Mixin
    OutDirOptions outDir;

    @Option(names = "--seed", converter = org.scalelab.report.cli.NumberConverters.Exact.class, paramLabel = "N", description = "Master seed for every file, overriding the files' seed: keys (default: the file's, else "
            + Seeds.DEFAULT + ").")
    Long seed;

    @Option(names = "--full", description = "Run the heavier variants (bigger sizes, more replications).")
    boolean full;

    @Spec
    CommandSpec spec;

    /** What {@code run} prints per file. */
    public record Run(String file, String kind, String name, long seed, String report, List<SectionReport.Row> headline, Object result) { }

    @Override
    public Integer call() throws Exception {
        if (seed != null && seed < 0) {
            throw new org.scalelab.common.InvalidParameterException("seed", "must be >= 0", seed);
        }
        List<ParameterFile> parsed = files.stream().map(Sections::read).toList();
        Path out = outDir.outOr("run");
        List<Run> runs = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        // One report folder: the index and a subfolder per file (even for one file, so that the page
        // of a.yaml is always out/a/) are written into a fresh folder that replaces --out whole, so
        // any earlier report there, of any command, goes, and a failed run leaves it untouched.
        ReportFolders.replace(out, fresh -> {
            writeRuns(parsed, fresh, out, runs, err);
            return null;
        });
        err.println("scalelab: report: " + out.resolve("index.html"));
        err.flush();
        print(runs, parsed.size() == 1);
        return ScaleLab.EXIT_OK;
    }

    /** Writes a page per file into {@code fresh} (which becomes {@code out}), then the index above them. */
    private void writeRuns(List<ParameterFile> parsed, Path fresh, Path out, List<Run> runs, PrintWriter err) throws java.io.IOException {
        List<HtmlIndex.Entry> entries = new ArrayList<>();
        // two files of the same name get config and config-2
        List<String> folders = FolderNames.of(files);
        for (int i = 0; i < parsed.size(); i++) {
            ParameterFile file = parsed.get(i);
            long s = ReportWriter.seedFor(file, seed);
            SectionReport report = Sections.writeUnderIndex(file, fresh.resolve(folders.get(i)), s, full, ProgressBars.get());
            Path index = out.resolve(folders.get(i)).resolve("index.html");
            err.println("scalelab: " + file.path() + " -> " + index);
            runs.add(new Run(file.path().toString(), file.kind(), file.name(), s, index.toString(), report.headline(), report.result()));
            entries.add(HtmlIndex.Entry.of(folders.get(i) + "/index.html", file.name(), file.kind(), report));
        }
        org.scalelab.report.io.AtomicFiles.writeString(fresh.resolve("index.html"),
                HtmlIndex.index("ScaleLab report", "", entries, Version.current()));
    }

    private void print(List<Run> runs, boolean single) {
        PrintWriter out = spec.commandLine().getOut();
        switch (output.format) {
            case json -> Output.print(out, output.format, single ? runs.get(0).result() : new Runs(runs));
            case csv -> {
                // one header over every file, with a file column, so the rows of several files stack
                List<List<String>> rows = new ArrayList<>();
                for (Run r : runs) {
                    for (SectionReport.Row h : r.headline()) {
                        rows.add(List.of(r.file(), r.kind(), Long.toString(r.seed()), h.label(), nz(h.value()), nz(h.origin())));
                    }
                }
                out.print(org.scalelab.report.io.Csv.write(List.of("file", "kind", "seed", "quantity", "value", "source"), rows));
                out.flush();
            }
            default -> runs.forEach(r -> Output.print(out, output.format,
                    new Headline(r.file(), r.kind(), r.seed(), r.report(), r.headline())));
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Several runs, as JSON. */
    public record Runs(List<Run> runs) { }

    /** The table/CSV view of one run. */
    public record Headline(String file, String kind, long seed, String report, List<SectionReport.Row> headline) { }
}
