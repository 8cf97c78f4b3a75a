package org.scalelab.report.cli;

import picocli.CommandLine.Option;

/**
 * The output format every subcommand shares; the commands that write files ({@code run},
 * {@code demo}, {@code kernels run}) add {@link OutDirOptions}. The options every subcommand shares ({@code @Mixin OutputOptions output;}). Print results with
 * {@link Output#print}; never write to stdout otherwise, so {@code --format json} stays clean.
 */
public final class OutputOptions {
    @Option(names = "--format", paramLabel = "table|json|csv", defaultValue = "table",
            description = "Output format on stdout: table (aligned, readable), json (one object, nothing else on stdout) or csv. Default: ${DEFAULT-VALUE}.")
    public Format format = Format.table;

    /** Output formats. */
    public enum Format { table, json, csv }
}
