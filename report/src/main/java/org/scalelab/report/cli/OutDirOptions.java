package org.scalelab.report.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.scalelab.common.InvalidParameterException;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR}, only on the commands that write charts, data and an {@code index.html}
 * ({@code @Mixin OutDirOptions outDir;}); the others print their answer and write nothing, so they
 * do not offer it. The one place that checks the folder, for every command that takes it.
 */
public final class OutDirOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the charts, their data and index.html (default: out/<command>).")
    public Path out;

    /** The topmost folder this run created for {@code --out} (the folder itself or an ancestor), or null. */
    private Path firstCreated;
    /** The folder {@link #outOr} created, or null. */
    private Path createdDir;

    /**
     * The checks of {@code --out} for a folder given otherwise (a command whose {@code --out} is
     * optional and has no default folder declares its own option, then checks it here).
     */
    public static OutDirOptions of(Path out) {
        OutDirOptions o = new OutDirOptions();
        o.out = out;
        return o;
    }

    /**
     * The output folder, or {@code out/<defaultName>} when {@code --out} was not given; it exists
     * (created with its parents if missing) when this returns.
     *
     * @throws InvalidParameterException ({@code --out}, exit 2) when the path is empty (which would
     *     name the working folder) or a file, or the folder cannot be created
     */
    public Path outOr(String defaultName) {
        if (out != null && out.toString().isBlank()) {
            throw new InvalidParameterException("--out", "must name a folder", "empty");
        }
        Path dir = out != null ? out : Path.of("out", defaultName);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidParameterException("--out", "must be a folder (or absent)", dir);
        }
        if (!Files.isDirectory(dir)) {
            try {
                Path top = dir.toAbsolutePath().normalize();
                while (top.getParent() != null && !Files.exists(top.getParent())) {
                    top = top.getParent();
                }
                Files.createDirectories(dir);
                firstCreated = top;
                createdDir = dir.toAbsolutePath().normalize();
            } catch (IOException | SecurityException e) {
                throw new InvalidParameterException("--out", "cannot create folder (" + reason(e) + ")", dir);
            }
        }
        return dir;
    }

    /**
     * Removes the folders {@link #outOr} created, from {@code --out} up to the topmost one it made,
     * as long as each is still empty: a run refused as bad input leaves nothing behind. Best effort:
     * a folder that cannot be removed is left.
     */
    public void removeIfCreatedAndEmpty() {
        if (firstCreated == null) {
            return;
        }
        for (Path p = createdDir; p != null && p.startsWith(firstCreated); p = p.getParent()) {
            try {
                Files.deleteIfExists(p); // fails on a folder that is not empty, which is then kept
            } catch (IOException | SecurityException e) {
                return;
            }
        }
    }

    /** Whether {@link #outOr} created the folder (it did not exist before this run). */
    public boolean created() {
        return createdDir != null;
    }

    private static String reason(Exception e) {
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
