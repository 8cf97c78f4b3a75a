package org.scalelab.report.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR}, only on the commands that write charts, data and an {@code index.html}
 * ({@code @Mixin OutDirOptions outDir;}); the others print their answer and write nothing, so they
 * do not offer it.
 */
public final class OutDirOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the charts, their data and index.html (default: out/<command>).")
    public Path out;

    /**
     * The output folder, or {@code out/<defaultName>} when {@code --out} was not given.
     *
     * @throws org.scalelab.common.InvalidParameterException ({@code --out}) when it is empty, which
     *     would name the working folder
     */
    public Path outOr(String defaultName) {
        if (out != null && out.toString().isBlank()) {
            throw new org.scalelab.common.InvalidParameterException("--out", "must name a folder", "empty");
        }
        return out != null ? out : Path.of("out", defaultName);
    }
}
