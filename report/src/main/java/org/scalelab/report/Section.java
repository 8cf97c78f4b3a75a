package org.scalelab.report;

import java.io.IOException;

/**
 * One {@code kind:} of parameter file. The parser binds the file (minus {@code kind}, {@code name}
 * and {@code seed}) strictly onto {@link #parameterType()}, a record with snake_case keys whose
 * compact constructor validates with {@link org.scalelab.common.Check}; {@link #run} computes,
 * writes its charts through {@link ReportContext#charts()}, and returns what the HTML report shows.
 *
 * @param <P> the parameter record
 */
public interface Section<P> {
    /** The {@code kind:} value, e.g. {@code scaling}. */
    String kind();

    /** The record the file binds to. */
    Class<P> parameterType();

    /**
     * Runs the parameter file and writes its charts and data into {@code context.outDir()}.
     *
     * @throws org.scalelab.common.InvalidParameterException for an impossible configuration
     *     that only shows when computing (exit 2, the field named)
     */
    SectionReport run(P parameters, ReportContext context) throws IOException;

    /** Runs parameters bound from a file of this kind (checked against {@link #parameterType()}). */
    default SectionReport runBound(Object parameters, ReportContext context) throws IOException {
        return run(parameterType().cast(parameters), context);
    }
}
