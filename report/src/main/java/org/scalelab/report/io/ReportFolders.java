package org.scalelab.report.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.scalelab.common.InvalidParameterException;

/**
 * A report folder is replaced whole or not at all. A run writes every file into a fresh folder
 * beside the target ({@code .NAME.new-*}), marks it as a ScaleLab report, and swaps it in as its
 * last step: the old folder is renamed aside ({@code .NAME.old-*}), the new one renamed onto the
 * target, the old one deleted. A kill at any moment leaves either the old report or the new one
 * under the target, except between the two renames, when the target is briefly absent and the old
 * report lies whole beside it; {@link #recover} (run at the start of every write) puts it back and
 * removes the leftovers of interrupted runs.
 */
public final class ReportFolders {
    /** The file that marks a folder as a ScaleLab report (so that only reports are ever replaced). */
    public static final String MARKER = ".scalelab-report";

    private ReportFolders() {}

    /** What a run writes into its fresh folder. */
    @FunctionalInterface
    public interface Body<T> {
        T writeInto(Path fresh) throws IOException;
    }

    /**
     * Writes a report with {@code body} into a fresh folder and swaps it in at {@code target}. A
     * folder that holds other things than an earlier report is never replaced (nor deleted): the
     * report is then written into it file by file, each file atomically, as a fallback.
     *
     * @throws InvalidParameterException ({@code --out}) when {@code target} is a file, the file
     *     system's root, or below a file or a folder that cannot be written
     */
    public static <T> T replace(Path target, Body<T> body) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new InvalidParameterException("--out", "must be a folder below the file system's root", target);
        }
        createParents(parent, target);
        recover(abs);
        if (!replaceable(abs)) {
            return body.writeInto(abs);
        }
        Path fresh = Files.createTempDirectory(parent, prefix(abs, "new"));
        try {
            T result = body.writeInto(fresh);
            Files.writeString(fresh.resolve(MARKER), "");
            swap(fresh, abs);
            return result;
        } finally {
            deleteTree(fresh);
        }
    }

    /** Creates the folders above the target; a file in the way or a refusal is bad input naming {@code --out}. */
    private static void createParents(Path parent, Path target) throws IOException {
        for (Path p = parent; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new InvalidParameterException("--out", "must be a folder path, but " + p + " is a file", target);
                }
                break;
            }
        }
        try {
            Files.createDirectories(parent);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new InvalidParameterException("--out", "cannot be created: permission denied at " + e.getFile(), target);
        } catch (java.nio.file.FileSystemException e) {
            throw new InvalidParameterException("--out", "cannot be created" + (e.getReason() == null ? "" : ": " + e.getReason())
                    + " at " + e.getFile(), target);
        }
    }

    /**
     * Cleans up after interrupted runs: when the target is missing but an old report was set
     * aside, moves it back; then deletes every fresh and set-aside folder of the target.
     */
    public static void recover(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, prefix(abs, "old") + "*")) {
            for (Path old : s) {
                if (!Files.exists(abs)) {
                    move(old, abs);
                } else {
                    deleteTree(old);
                }
            }
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(parent, prefix(abs, "new") + "*")) {
            for (Path stale : s) {
                deleteTree(stale);
            }
        }
    }

    /** Missing, empty, or marked as a report by an earlier run: only then is a folder swapped. */
    private static boolean replaceable(Path target) throws IOException {
        if (!Files.exists(target)) {
            return true;
        }
        if (!Files.isDirectory(target)) {
            throw new InvalidParameterException("--out", "must be a folder, not a file", target);
        }
        if (Files.exists(target.resolve(MARKER))) {
            return true;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target)) {
            return !s.iterator().hasNext();
        }
    }

    private static void swap(Path fresh, Path target) throws IOException {
        if (!Files.exists(target)) {
            move(fresh, target);
            return;
        }
        Path aside = Files.createTempDirectory(target.getParent(), prefix(target, "old"));
        Files.delete(aside);
        move(target, aside);
        move(fresh, target);
        deleteTree(aside);
    }

    private static String prefix(Path target, String what) {
        return "." + target.getFileName() + "." + what + "-";
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Deletes a folder and everything under it; nothing when it does not exist. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
