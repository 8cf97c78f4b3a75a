package org.scalelab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Seeds;
import org.scalelab.report.io.AtomicFiles;
import org.scalelab.report.io.Json;
import org.scalelab.report.io.ReportFolders;
import org.scalelab.report.params.Kinds;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.params.ParameterFiles;

/**
 * Runs one parameter file into a folder: the section writes its charts and data, then
 * {@code result.json}, the echoed parameter file and {@code index.html}, all into a fresh folder
 * beside the target that replaces it whole as the last step ({@link ReportFolders}), so a run
 * that fails or is killed midway leaves the previous report as it was, never a mix.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** The seed a file runs with: the override, else the file's, else the default. */
    public static long seedFor(ParameterFile file, Long override) {
        if (override != null) {
            return override;
        }
        return file.seed() != null ? file.seed() : Seeds.DEFAULT;
    }

    /**
     * Runs {@code file} through {@code section} (the section of its kind) into {@code dir} and
     * returns what it reported.
     *
     * @throws InvalidParameterException when the parameters prove impossible while running (exit 2)
     */
    public static SectionReport write(Section<?> section, ParameterFile file, Path dir, long seed, boolean full, ReportContext.Progress progress,
            String version) throws IOException {
        return write(section, file, dir, seed, full, progress, version, null);
    }

    /**
     * A command's options, written as the parameter file {@code yaml} of {@code section}'s kind
     * ({@link org.scalelab.report.params.OptionsFile}), run into its page in {@code dir} as
     * {@code scalelab run} would, with the file's seed: the page and the printed numbers come from one
     * computation. The file goes to a temporary folder, not into {@code dir}, so that the page's folder
     * is swapped in whole; the page echoes it as {@code parameters.yaml}.
     *
     * @throws InvalidParameterException when the file or the run rejects the parameters (exit 2)
     * @throws IOException if the file or the page cannot be written
     */
    public static SectionReport writeOptions(Section<?> section, String yaml, Path dir, ReportContext.Progress progress,
            String version) throws IOException {
        Path tmp = Files.createTempDirectory("scalelab-" + section.kind());
        Path file = tmp.resolve(section.kind() + ".yaml");
        try {
            AtomicFiles.writeString(file, yaml);
            // The section itself, not the app's registry of every kind.
            ParameterFile parsed = ParameterFiles.read(file, Kinds.of(Map.of(section.kind(), section.parameterType())));
            return write(section, parsed, dir, seedFor(parsed, null), false, progress, version, null, true);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * As {@link #write(Section, ParameterFile, Path, long, boolean, ReportContext.Progress, String)}, for a
     * page that an index links: the page links back to {@code indexHref} (relative to the page).
     */
    public static SectionReport write(Section<?> section, ParameterFile file, Path dir, long seed, boolean full, ReportContext.Progress progress,
            String version, String indexHref) throws IOException {
        return write(section, file, dir, seed, full, progress, version, indexHref, false);
    }

    private static SectionReport write(Section<?> section, ParameterFile file, Path dir, long seed, boolean full,
            ReportContext.Progress progress, String version, String indexHref, boolean fromOptions) throws IOException {
        return ReportFolders.replace(dir, into -> {
            ReportContext context = new ReportContext(into, file.path(), seed, full, progress, file.name());
            SectionReport report;
            try {
                report = section.runBound(file.parameters(), context);
            } catch (InvalidParameterException e) {
                throw ParameterFiles.located(file, e);
            }
            AtomicFiles.writeString(into.resolve("result.json"), Json.write(new Result(file.kind(), file.name(), seed, version, report.result())) + "\n");
            String ext = file.path().getFileName().toString().replaceFirst("^.*\\.", "");
            AtomicFiles.writeString(into.resolve("parameters." + ext), file.text());
            AtomicFiles.writeString(into.resolve("index.html"), HtmlReport.section(file, report, seed, version, indexHref, fromOptions));
            return report;
        });
    }

    /** The content of {@code result.json}. */
    public record Result(String kind, String name, long seed, String version, Object result) { }
}
