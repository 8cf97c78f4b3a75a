package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code ./scalelab ...} line in a code block of the README runs, exactly as written, from the
 * repository root (in a fresh JVM on the test classpath, since the launcher's jars are built after the
 * tests), and succeeds. It lives in the sweeps module because that classpath carries Spark, which
 * {@code sweep} and {@code demo} need, as ./scalelab's sweeps jar does; the child JVM gets this JVM's
 * flags (Spark's add-opens). Lines that need a GPU are skipped; the test command is not a scalelab line.
 * The pages {@code demo} writes are then checked as a reader uses them ({@link DemoPages}).
 */
class ReadmeCommandsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    static List<String> commands() throws IOException {
        List<String> out = new ArrayList<>();
        boolean inCode = false;
        StringBuilder cur = null;
        for (String line : Files.readAllLines(ROOT.resolve("README.md"))) {
            if (line.startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (!inCode) {
                continue;
            }
            String l = line.strip();
            if (cur == null && !l.startsWith("./scalelab ")) {
                continue;
            }
            cur = cur == null ? new StringBuilder() : cur;
            boolean more = l.endsWith("\\");
            cur.append(more ? l.substring(0, l.length() - 1) : l).append(' ');
            if (!more) {
                out.add(cur.toString().strip());
                cur = null;
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyReadmeCommandRuns() throws IOException {
        List<String> commands = commands();
        assertTrue(commands.size() >= 15, "found only " + commands);
        return commands.stream()
                .filter(c -> !c.contains("opencl-gpu")) // needs a GPU
                .map(c -> DynamicTest.dynamicTest(c, () -> run(c)));
    }

    private static void run(String line) throws Exception {
        String cmd = line.replaceFirst("\\s+#.*$", "");
        String[] words = cmd.replaceFirst("^\\./scalelab\\s+", "").split("\\s+");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> argv = new ArrayList<>(List.of(java.toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.equals("-jar")).forEach(argv::add);
        // -ea: every chart a README command writes is checked against the theme as it is written (ChartFiles)
        argv.addAll(List.of("-ea", "-Djava.awt.headless=true", "-Duser.language=en", "-Duser.country=US", "-Dscalelab.home=" + ROOT,
                "-cp", System.getProperty("java.class.path"), ScaleLab.class.getName()));
        argv.addAll(List.of(words));
        File log = Files.createTempFile("readme-cmd", ".log").toFile();
        Process p = new ProcessBuilder(argv).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
        // 10 minutes: `demo` runs every example (about 5 minutes at load 3-10 on 2 cores); a hung
        // command still fails here rather than stalling the build
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "timed out: " + line);
        String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), line + "\n" + output);
        log.delete();
        if (words[0].equals("demo")) {
            List<String> w = List.of(words);
            int out = w.indexOf("--out");
            DemoPages.check(ROOT.resolve(out < 0 ? "out/demo" : w.get(out + 1)), ROOT.resolve("examples"));
        }
    }
}
