package org.scalelab.report.params;

import java.nio.file.Path;
import org.scalelab.report.ReportContext;
import org.scalelab.report.Section;
import org.scalelab.report.SectionReport;

/**
 * A parsed, validated parameter file: the header keys every file has and the typed parameters
 * of its kind.
 *
 * @param path       the file
 * @param kind       {@code kind:}, which selected {@link #section()}
 * @param name       {@code name:} or the file's stem
 * @param seed       {@code seed:} or null when the file gives none
 * @param section    the section that runs it
 * @param parameters the typed parameter record (of {@code section.parameterType()})
 * @param text       the file's text, echoed in the report
 * @param lines      where each key path sits in the file, for errors found while running
 */
public record ParameterFile(Path path, String kind, String name, Long seed, Section<?> section,
        Object parameters, String text, KeyLines lines) {

    /** Runs the section on the parameters. */
    public SectionReport run(ReportContext context) throws java.io.IOException {
        return runTyped(section, parameters, context);
    }

    private static <P> SectionReport runTyped(Section<P> section, Object parameters, ReportContext context)
            throws java.io.IOException {
        return section.run(section.parameterType().cast(parameters), context);
    }
}
