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
        return String.join(", ", Arrays.stream(RunCsv.Dataset.values()).map(RunCsv.Dataset::key).toList());
    }

    /** Reads a shipped data set by name, or the file at {@code path}. */
    static RunData load(String name, Path path, RunColumns columns) throws IOException {
        RunCsv.Dataset shipped = RunCsv.Dataset.byName(name);
        if (shipped != null && (path == null || !Files.exists(path))) {
            try (Reader r = new java.io.InputStreamReader(shipped.open(), StandardCharsets.UTF_8)) {
                return RunCsv.read(r, columns, shipped.key());
            }
        }
        if (path == null || !Files.exists(path)) {
            throw new InvalidParameterException("data", "no such file (or name a shipped data set: " + shippedNames() + ")",
                    path == null ? name : path);
        }
        if (!Files.isRegularFile(path)) {
            throw new InvalidParameterException("data", "must be a CSV file", Files.isDirectory(path) ? "a folder" : "a device or special file");
        }
        String file = path.getFileName().toString();
        return RunCsv.read(new java.io.StringReader(text(path, file)), columns, file);
    }

    /** Largest CSV read: 64 MB, far above {@link RunCsv#MAX_ROWS} rows of numbers. */
    static final long MAX_FILE_BYTES = 64L << 20;

    /**
     * The file as UTF-8 text without a byte-order mark, read bounded (a device such as /dev/zero is
     * refused, not read forever); a byte that is not UTF-8 is named by its line, not echoed.
     */
    private static String text(Path path, String name) throws IOException {
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(path)) {
            bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new InvalidParameterException("data", name + " must be at most " + MAX_FILE_BYTES + " bytes", "larger");
        }
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(buf).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (java.nio.charset.CharacterCodingException e) {
            int at = Math.min(buf.position(), bytes.length - 1);
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InvalidParameterException("data", name + ":" + line + " must be a CSV text file (UTF-8)",
                    String.format(java.util.Locale.ROOT, "a byte 0x%02X that is not text", bytes[at] & 0xff));
        }
    }
}
