package org.scalelab.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.scalelab.common.InvalidParameterException;
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
import picocli.CommandLine.Spec;
import org.scalelab.report.cli.Output;
import org.scalelab.report.cli.OutDirOptions;
import org.scalelab.report.cli.OutputOptions;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.reports.Version;

/**
 * {@code scalelab demo}: runs every parameter file in {@code examples/} into
 * {@code out/demo/<file>/} and writes {@code out/demo/index.html} linking the sections.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run every parameter file in examples/ and write out/demo/index.html (one section per file).",
            "Sized to finish in a few minutes on 2 cores; --full runs the heavier variants."},
        footer = {"", "Example:", "  scalelab demo --out out/demo"})
public final class DemoCommand implements Callable<Integer> {
    @Mixin
    OutputOptions output;

    @Mixin
    OutDirOptions outDir;

    @Option(names = "--examples", paramLabel = "DIR", description = "Folder of parameter files (default: examples/ of this checkout).")
    Path examples;

    @Option(names = "--seed", converter = org.scalelab.report.cli.NumberConverters.Exact.class, paramLabel = "N", description = "Master seed for every file (default: each file's seed, else " + Seeds.DEFAULT + ").")
    Long seed;

    @Option(names = "--full", description = "Run the heavier variants (bigger sizes, more replications).")
    boolean full;

    @Spec
    CommandSpec spec;

    /** One section of the demo. */
    public record Item(String file, String kind, String status, String report, String error) { }

    /** What {@code demo} prints. */
    public record Demo(String report, List<Item> sections) { }

    @Override
    public Integer call() throws IOException {
        Path dir = examples != null ? examples : defaultExamples();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            // Plans first: the question every user has; then the domains in name order.
            files = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
                    .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().startsWith("plan-"))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList();
        } catch (IOException e) {
            throw new InvalidParameterException("examples folder " + dir + ": cannot list: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new InvalidParameterException("examples folder " + dir + ": no .yaml, .yml or .json files");
        }
        Path out = outDir.outOr("demo");
        PrintWriter err = spec.commandLine().getErr();
        List<Item> items = new ArrayList<>();
        // one report folder, as for `run`: written fresh and swapped in whole, so it replaces any earlier report
        int[] failed = ReportFolders.replace(out, fresh -> writeAll(files, fresh, out, items, err));
        int failures = failed[0];
        int badInput = failed[1];
        Path index = out.resolve("index.html");
        err.println("scalelab: report: " + index.toAbsolutePath());
        err.flush();
        Output.print(spec.commandLine().getOut(), output.format, new Demo(index.toString(), items));
        // a bad parameter file is bad input (2), like the same file given to `run`; anything else is ours (1)
        return failures == 0 ? ScaleLab.EXIT_OK : failures == badInput ? ScaleLab.EXIT_BAD_INPUT : ScaleLab.EXIT_INTERNAL;
    }

    /** Writes a page per file into {@code fresh} (which becomes {@code out}) and the index; returns {failures, bad input}. */
    private int[] writeAll(List<Path> files, Path fresh, Path out, List<Item> items, PrintWriter err) throws IOException {
        List<HtmlIndex.Entry> entries = new ArrayList<>();
        int failures = 0;
        int badInput = 0;
        List<String> folders = FolderNames.of(files);
        try (var task = ProgressBars.get().start("demo", files.size())) {
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                String name = folders.get(i);
                long started = System.nanoTime();
                try {
                    ParameterFile file = Sections.read(f);
                    SectionReport r = Sections.writeUnderIndex(file, fresh.resolve(name), ReportWriter.seedFor(file, seed), full, ProgressBars.get());
                    items.add(new Item(f.toString(), file.kind(), "ok", out.resolve(name).resolve("index.html").toString(), null));
                    entries.add(HtmlIndex.Entry.of(name + "/index.html", file.name(), file.kind(), r));
                    err.printf(Locale.ROOT, "scalelab: demo: %s (%.1f s)%n", f.getFileName(), (System.nanoTime() - started) / 1e9);
                } catch (RuntimeException e) {
                    failures++;
                    if (e instanceof InvalidParameterException) {
                        badInput++;
                    }
                    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                    items.add(new Item(f.toString(), "?", "failed", null, msg));
                    entries.add(HtmlIndex.Entry.failed(name + "/index.html", name, msg));
                    err.println("scalelab: demo: " + f.getFileName() + " failed: " + msg);
                }
                task.progress(items.size(), files.size());
            }
        }
        org.scalelab.report.io.AtomicFiles.writeString(fresh.resolve("index.html"), HtmlIndex.index("ScaleLab demo",
                "Every parameter file in examples/, run by `scalelab demo`. Each section cites the sources of its formulas and says which numbers were measured on this machine.",
                entries, Version.current()));
        return new int[] {failures, badInput};
    }

    private static Path defaultExamples() {
        String home = System.getProperty("scalelab.home");
        return home != null ? Path.of(home, "examples") : Path.of("examples");
    }
}
