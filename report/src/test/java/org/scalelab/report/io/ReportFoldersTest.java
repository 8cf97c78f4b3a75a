package org.scalelab.report.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFoldersTest {

    /** Before: the fresh folder came from createTempDirectory, so every report folder was owner-only (0700). */
    @Test
    void aReportFolderHasTheUmasksPermissionsNotTempDirectoryMode(@TempDir Path dir) throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path reference = Files.createDirectory(dir.resolve("reference")); // what the umask gives a plain mkdir
        Path report = dir.resolve("report");
        ReportFolders.replace(report, fresh -> {
            AtomicFiles.writeString(fresh.resolve("index.html"), "<p>one</p>");
            return null;
        });
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(report));
        // and again when an earlier report is replaced
        ReportFolders.replace(report, fresh -> {
            AtomicFiles.writeString(fresh.resolve("index.html"), "<p>two</p>");
            return null;
        });
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(report));
        assertEquals("<p>two</p>", Files.readString(report.resolve("index.html")));
        try (var s = Files.list(dir)) {
            assertEquals(2, s.count(), "a .report.new-* or .old-* folder was left behind");
        }
    }
}
