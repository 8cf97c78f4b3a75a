package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalelab.common.InvalidParameterException;

/** A mistyped key in any parameter file gets a suggestion from the shared parser, at its line. */
class MistypedKeysTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Pattern FIRST_KEY = Pattern.compile("(?m)^(?!kind:|name:|seed:)([a-z][a-z0-9_]*):");

    @TempDir
    Path dir;

    static Stream<Path> examples() throws IOException {
        return Files.list(EXAMPLES).filter(p -> p.toString().matches(".*\\.ya?ml$")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyKindSuggestsTheKeyAMistypedOneMeant(Path example) throws IOException {
        String text = Files.readString(example);
        Matcher m = FIRST_KEY.matcher(text);
        assertTrue(m.find(), example + ": no key");
        String key = m.group(1);
        Path bad = dir.resolve(example.getFileName());
        Files.writeString(bad, text.substring(0, m.start()) + key + key.charAt(key.length() - 1) + ":" + text.substring(m.end()));
        String msg = assertThrows(InvalidParameterException.class, () -> Sections.read(bad)).getMessage();
        assertTrue(msg.matches(".*unknown key; did you mean (.*\\b)?" + Pattern.quote(key) + "\\b.*\\?.*"), msg);
    }

    @Test
    void zeroIsSuggestedForZeroo() throws IOException {
        for (String[] f : List.of(new String[] {"memory.yaml", "kind: memory\nparams: 7.5e9\nzeroo: 3\n", "memory.yaml:3 zeroo"},
                new String[] {"cluster.yaml", Files.readString(EXAMPLES.resolve("cluster-llama3-405b-16k.yaml"))
                        .replaceFirst("(?m)^(\\s+)zero:", "$1zeroo:"), "training.zeroo"})) {
            Path p = dir.resolve(f[0]);
            Files.writeString(p, f[1]);
            String msg = assertThrows(InvalidParameterException.class, () -> Sections.read(p)).getMessage();
            assertTrue(msg.contains(f[2] + ": unknown key; did you mean zero? (allowed: "), msg);
        }
    }
}
