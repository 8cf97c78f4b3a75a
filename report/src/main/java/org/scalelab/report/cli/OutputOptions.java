package org.scalelab.report.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every subcommand shares ({@code @Mixin OutputOptions output;}). Print results with
 * {@link Output#print}; never write to stdout otherwise, so {@code --format json} stays clean.
 */
public final class OutputOptions {
    @Option(names = "--format", paramLabel = "table|json|csv", defaultValue = "table",
            description = "Output format on stdout: table (aligned, readable), json (one object, nothing else on stdout) or csv. Default: ${DEFAULT-VALUE}.")
    public Format format = Format.table;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for charts and data (default: out/<subcommand>).")
    public Path out;

    /** The output folder, or {@code out/<defaultName>} when {@code --out} was not given. */
    public Path outOr(String defaultName) {
        return out != null ? out : Path.of("out", defaultName);
    }

    /** Output formats. */
    public enum Format { table, json, csv }
}
