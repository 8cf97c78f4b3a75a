package org.scalelab.reports.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.reports.cli.Sections;

/**
 * Every key with a value on its own line, in every example (so every kind), set to {@code null},
 * {@code ~} or JSON's {@code null}, is rejected on that key's line with
 * {@code key: null is not allowed; ...}: a record cannot tell a null key from a missing one, and
 * running with the default the user did not ask for would hide the mistake.
 */
class NullValueTest {
    /** {@code  key: value  # comment}: a key whose value is on the same line (a scalar or a flow list). */
    private static final Pattern KEY_WITH_VALUE = Pattern.compile("^(\\s*)([a-z_][a-z0-9_]*):\\s+[^#\\s].*$");

    @TempDir
    Path dir;

    @Test
    void aNullValueOfAnyKeyOfAnyKindIsRejectedNamingTheKey() throws IOException {
        Set<String> kinds = new TreeSet<>();
        List<String> bad = new ArrayList<>();
        int tried = 0;
        for (Path example : ParameterFileFuzzTest.examples()) {
            List<String> lines = Files.readAllLines(example);
            String kind = Sections.read(example).kind();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = KEY_WITH_VALUE.matcher(lines.get(i));
                if (!m.matches() || lines.get(i).trim().startsWith("-")) {
                    continue;
                }
                String token = List.of("null", "~", "Null").get(tried % 3);
                List<String> mutated = new ArrayList<>(lines);
                mutated.set(i, m.group(1) + m.group(2) + ": " + token);
                Path file = dir.resolve(example.getFileName());
                Files.write(file, mutated);
                tried++;
                String expected = file + ":" + (i + 1) + " ";
                try {
                    Sections.read(file);
                    bad.add(example.getFileName() + ":" + (i + 1) + " accepted " + m.group(2) + ": " + token);
                } catch (InvalidParameterException e) {
                    String msg = e.getMessage();
                    boolean named = msg.startsWith(expected) && msg.matches("^\\S+ (\\S+\\.)?" + m.group(2)
                            + ": null is not allowed; (remove the key to use (the|its) default.*|give .*), was null$");
                    if (!named) {
                        bad.add(example.getFileName() + ":" + (i + 1) + " " + msg);
                    }
                }
                kinds.add(kind);
            }
        }
        assertEquals(new TreeSet<>(Sections.kinds()), kinds, "every kind has an example with a key set to null");
        assertTrue(tried > 100, tried + " keys tried");
        assertEquals(List.of(), bad);
    }

    @Test
    void theMessageSaysWhichDefaultRemovingTheKeyGives() throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"kind\": \"cluster\", \"days\": 1, \"replications\": null, \"what_if\": {\"mtbf_hours\": 3, \"checkpoint_seconds\": 300}}");
        InvalidParameterException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class, () -> Sections.read(file));
        assertEquals(file + ":1 replications: null is not allowed; remove the key to use the default 100, was null", e.getMessage());
    }
}
