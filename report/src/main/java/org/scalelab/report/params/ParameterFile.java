package org.scalelab.report.params;

import java.nio.file.Path;

/**
 * A parsed, validated parameter file: the header keys every file has and the typed parameters
 * of its kind.
 *
 * @param path       the file
 * @param kind       {@code kind:}, which selected the parameter record
 * @param name       {@code name:} or the file's stem
 * @param seed       {@code seed:} or null when the file gives none
 * @param parameters the typed parameter record of the kind
 * @param text       the file's text, echoed in the report
 * @param lines      where each key path sits in the file, for errors found while running
 */
public record ParameterFile(Path path, String kind, String name, Long seed, Object parameters, String text, KeyLines lines) {
}
