package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalelab.reports.testing.CliRun;

/** Every command that takes {@code --out} rejects a file or an uncreatable folder as bad input (exit 2), not a crash. */
class OutFolderTest {
    @TempDir
    Path tmp;

    private static List<String> args(String command, Path out) {
        List<String> a = new ArrayList<>(switch (command) {
            case "run" -> List.of("run", "../examples/memory-zero-7.5b.yaml");
            case "plan" -> List.of("plan", "--params", "7e9", "--gpus", "8", "--no-failures");
            case "sweep" -> List.of("sweep", "../examples/sweep-chinchilla-budgets.yaml");
            case "kernels" -> List.of("kernels", "run", "--devices", "java", "--sizes", "64");
            default -> throw new IllegalArgumentException(command);
        });
        a.add("--out");
        a.add(out.toString());
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "plan", "sweep", "kernels"})
    void aFileIsNotAFolder(String command) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        CliRun r = CliRun.run(args(command, file).toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertEquals("scalelab: --out: must be a folder (or absent), was " + file, r.err().strip());
        assertEquals("keep me", Files.readString(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "plan", "sweep", "kernels"})
    void aFolderUnderAFileCannotBeCreated(String command) throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "keep me");
        Path under = file.resolve("sub");
        CliRun r = CliRun.run(args(command, under).toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().strip().startsWith("scalelab: --out: cannot create folder ("), r.err());
        assertTrue(r.err().strip().endsWith(", was " + under), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }
}
