package org.scalelab.reports.scaling;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.scaling.data.RunColumns;
import org.scalelab.scaling.data.RunCsv;
import org.scalelab.scaling.fit.RunData;

/** Loads fit data: a CSV file, or a shipped data set by name ({@code epoch-chinchilla}, {@code synthetic-curves}, {@code synthetic-isoflop}). */
final class FitData {
    private FitData() {}

    /** Whether {@code name} is a shipped data set rather than a path. */
    static boolean isShipped(String name) {
        return RunCsv.Dataset.byName(name) != null;
    }

    /** The names of the shipped data sets. */
    static String shippedNames() {
        return String.join(", ", Arrays.stream(RunCsv.Dataset.values()).map(d -> d.id).toList());
    }

    /** Reads a shipped data set by name, or the file at {@code path}. */
    static RunData load(String name, Path path, RunColumns columns) throws IOException {
        RunCsv.Dataset shipped = RunCsv.Dataset.byName(name);
        if (shipped != null && (path == null || !Files.exists(path))) {
            try (Reader r = new java.io.InputStreamReader(shipped.open(), StandardCharsets.UTF_8)) {
                return RunCsv.read(r, columns, shipped.id);
            }
        }
        if (path == null || !Files.isRegularFile(path)) {
            throw new InvalidParameterException("data file not found: " + (path == null ? name : path) + " (or name a shipped data set: " + shippedNames() + ")");
        }
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return RunCsv.read(r, columns, path.getFileName().toString());
        }
    }
}
