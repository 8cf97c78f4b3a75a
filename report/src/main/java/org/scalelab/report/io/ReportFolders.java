package org.scalelab.report.io;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import org.scalelab.common.InvalidParameterException;

/**
 * A report folder is replaced whole or not at all, and nothing ScaleLab did not write is ever
 * overwritten. Every command that writes a report (one page, or a {@code run}'s index above a page
 * per file) writes it through {@link #replace}, so every report folder carries the {@link #MARKER}
 * at its top and any earlier report, whichever command wrote it, is replaced by any other. A run
 * writes every file into a fresh folder
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
     * report's files are then moved into it one by one, as a fallback, and only when none of their
     * names is already taken there.
     *
     * @throws InvalidParameterException ({@code --out}) when {@code target} is a file, the file
     *     system's root, below a file or a folder that cannot be written, or a folder of other
     *     things that already holds a file of a name the report writes
     */
    public static <T> T replace(Path target, Body<T> body) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null) {
            throw new InvalidParameterException("--out", "must be a folder below the file system's root", target);
        }
        createParents(parent, target);
        recover(abs);
        boolean whole = replaceable(abs);
        if (!whole && Files.exists(abs.resolve(INDEX), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw clash(target, INDEX); // every report writes one: refuse before the work, not after it
        }
        Path fresh = freshFolder(parent, prefix(abs, "new"));
        try {
            T result = body.writeInto(fresh);
            if (whole) {
                Files.writeString(fresh.resolve(MARKER), "");
                swap(fresh, abs);
            } else {
                moveIntoForeign(fresh, abs, target);
            }
            return result;
        } finally {
            deleteTree(fresh);
        }
    }

    /**
     * Before minutes of work whose output {@link #replace} writes into {@code target}: refuses now,
     * naming {@code --out}, what {@link #replace} would refuse at the end, a folder of other things
     * that already holds one of {@code names}.
     *
     * @throws InvalidParameterException ({@code --out}) as {@link #replace} would throw it
     */
    public static void checkReplaceable(Path target, String... names) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new InvalidParameterException("--out", "must be a folder below the file system's root", target);
        }
        if (replaceable(abs)) {
            return;
        }
        for (String name : names) {
            if (Files.exists(abs.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw clash(target, name);
            }
        }
    }

    /**
     * A report written before the marker was: {@code plan} wrote its {@code plan.yaml} into the folder
     * first, so its report fell back to file-by-file writes without a marker. Such a folder has the
     * {@code result.json} every report writes, opening with its kind, seed and version.
     */
    private static boolean earlierUnmarkedReport(Path target) throws IOException {
        if (earlierUnmarkedIndex(target) || earlierUnmarkedKernelsRun(target)) {
            return true;
        }
        Path result = target.resolve("result.json");
        if (!Files.isRegularFile(result) || !Files.isRegularFile(target.resolve(INDEX))) {
            return false;
        }
        String head;
        try (var in = Files.newInputStream(result)) {
            head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
        }
        return head.startsWith("{") && head.contains("\"kind\"") && head.contains("\"seed\"") && head.contains("\"version\"");
    }

    /**
     * A {@code kernels run} folder written before it was marked: nothing but the {@code results.json}
     * that command writes, opening with its {@code results} and holding its {@code tunings} and
     * {@code seed}, so replacing it loses nothing of the user's.
     */
    private static boolean earlierUnmarkedKernelsRun(Path target) throws IOException {
        Path results = target.resolve("results.json");
        if (!Files.isRegularFile(results, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (!holdsOnly(target, results::equals)) {
            return false;
        }
        String json = Files.readString(results, java.nio.charset.StandardCharsets.UTF_8);
        return json.replaceAll("\\s+", "").startsWith("{\"results\":") && json.contains("\"tunings\"")
                && json.contains("\"seed\"");
    }

    /**
     * A {@code run} or demo folder written before its top was marked: ScaleLab's {@code index.html}
     * (titled ScaleLab) and nothing else but marked report folders, so replacing it loses nothing
     * of the user's.
     */
    private static boolean earlierUnmarkedIndex(Path target) throws IOException {
        Path index = target.resolve(INDEX);
        if (!Files.isRegularFile(index, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var in = Files.newInputStream(index)) {
            if (!new String(in.readNBytes(8192), java.nio.charset.StandardCharsets.UTF_8).contains("<title>ScaleLab")) {
                return false;
            }
        }
        return holdsOnly(target, e -> e.equals(index)
                || Files.isDirectory(e, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.exists(e.resolve(MARKER)));
    }

    /** Whether every entry of {@code target} is one {@code allowed} accepts. */
    private static boolean holdsOnly(Path target, java.util.function.Predicate<Path> allowed) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target)) {
            for (Path e : s) {
                if (!allowed.test(e)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The fallback for a folder that holds other things than a report: the report's files move in one
     * by one, but only when none of their names is taken, so nothing already there is overwritten.
     */
    private static void moveIntoForeign(Path fresh, Path folder, Path given) throws IOException {
        java.util.List<Path> entries;
        try (var s = Files.list(fresh)) {
            entries = s.sorted().toList();
        }
        for (Path e : entries) {
            if (Files.exists(folder.resolve(e.getFileName().toString()), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw clash(given, e.getFileName().toString());
            }
        }
        for (Path e : entries) {
            move(e, folder.resolve(e.getFileName().toString()));
        }
    }

    private static InvalidParameterException clash(Path given, String name) {
        return new InvalidParameterException("--out", "holds " + name + " but is no ScaleLab report folder (it has no "
                + MARKER + " file), so it is not overwritten; name a new or empty folder, or an earlier report", given);
    }

    /** The name of the page every report writes at its top. */
    private static final String INDEX = "index.html";

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
        if (Files.exists(target.resolve(MARKER)) || earlierUnmarkedReport(target)) {
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

    /**
     * A new empty folder {@code parent/prefixN} made as {@code mkdir} makes one, with the permissions
     * the umask gives: {@link Files#createTempDirectory} would make it owner-only (0700), and the
     * report swapped in would stay unreadable to anyone else sharing it.
     */
    private static Path freshFolder(Path parent, String prefix) throws IOException {
        String base = prefix + ProcessHandle.current().pid() + "-" + Long.toUnsignedString(System.nanoTime(), 36);
        for (int i = 0; ; i++) {
            try {
                return Files.createDirectory(parent.resolve(base + "-" + i));
            } catch (FileAlreadyExistsException e) {
                if (i >= 1000) {
                    throw e;
                }
            }
        }
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
