package org.scalelab.reports.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.scalelab.report.ReportWriter;
import org.scalelab.report.SectionReport;
import org.scalelab.report.cli.ProgressBars;
import org.scalelab.report.io.AtomicFiles;
import org.scalelab.report.params.Kinds;
import org.scalelab.report.params.ParameterFile;
import org.scalelab.report.params.ParameterFiles;
import org.scalelab.reports.Version;

/**
 * A cluster command's {@code --out}: its options, written as a {@code kind: cluster} file, run into
 * that file's page as {@code scalelab run} would, so that the page and the printed numbers come from
 * one computation. The file is written to a temporary folder, not into the page's, so that the
 * page's folder is swapped in whole (the page echoes the file as {@code parameters.yaml}).
 */
final class OptionsPage {
    private OptionsPage() {}

    /**
     * Runs {@code yaml} (a {@code kind: cluster} file) into its page in {@code dir} and says where the
     * page is on {@code err}.
     *
     * @throws IOException if the file or the page cannot be written
     */
    static SectionReport write(String yaml, Path dir, PrintWriter err) throws IOException {
        Path tmp = Files.createTempDirectory("scalelab-cluster");
        Path file = tmp.resolve("cluster.yaml");
        SectionReport report;
        try {
            AtomicFiles.writeString(file, yaml);
            // The cluster section itself, not the app's registry of every kind.
            ClusterSection section = new ClusterSection();
            ParameterFile parsed = ParameterFiles.read(file, Kinds.of(Map.of(section.kind(), section.parameterType())));
            report = ReportWriter.write(section, parsed, dir, ReportWriter.seedFor(parsed, null), false, ProgressBars.get(),
                    Version.current());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(tmp);
        }
        err.println("scalelab: report: " + dir.resolve("index.html").toAbsolutePath());
        err.flush();
        return report;
    }
}
