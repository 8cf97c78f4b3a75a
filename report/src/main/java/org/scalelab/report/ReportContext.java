package org.scalelab.report;

import java.nio.file.Path;
import org.scalelab.common.ProgressListener;
import org.scalelab.report.chart.ChartFiles;

/**
 * What a {@link Section} may use while it runs.
 *
 * @param outDir        the section's output folder (exists; charts and data go here)
 * @param parameterFile the parameter file being run; relative data paths resolve against its folder
 * @param seed          the master seed (from the file's {@code seed:}, {@code --seed}, or
 *                      {@link org.scalelab.common.Seeds#DEFAULT});
 *                      printed in the report
 * @param full          {@code --full}: heavier variants (bigger sizes, more replications) asked for
 * @param progress      factory of progress listeners (a bar on stderr when it is a terminal)
 * @param name          the file's {@code name:} (else its stem), for titles; null when a section runs without a file
 */
public record ReportContext(Path outDir, Path parameterFile, long seed, boolean full, Progress progress, String name) {

    /** A context without a file name (a section's title then names the model alone). */
    public ReportContext(Path outDir, Path parameterFile, long seed, boolean full, Progress progress) {
        this(outDir, parameterFile, seed, full, progress, null);
    }

    /** Chart writer into {@link #outDir()}. */
    public ChartFiles charts() {
        return new ChartFiles(outDir);
    }

    /** Resolves a path written in the parameter file against the file's folder. */
    public Path resolve(String pathInFile) {
        Path p = Path.of(pathInFile);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = parameterFile.toAbsolutePath().getParent();
        return dir.resolve(p).normalize();
    }

    /** A progress listener for a task; close it when the task ends. */
    public Progress.Task task(String name, long total) {
        return progress.start(name, total);
    }

    /** Makes progress listeners. */
    public interface Progress {
        /** Starts a task of {@code total} units. */
        Task start(String name, long total);

        /** A running task: a listener that is closed when done. */
        interface Task extends ProgressListener, AutoCloseable {
            @Override
            void close();
        }
    }
}
