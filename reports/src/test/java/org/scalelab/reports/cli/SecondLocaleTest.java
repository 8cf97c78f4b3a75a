package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * What a person sees does not depend on the JVM's locale: each command prints the same bytes under
 * en-US (the locale Surefire pins) and de-DE, whose decimal comma would turn 32.00 GB into 32,00 GB
 * wherever a number is formatted with the default locale.
 */
class SecondLocaleTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "memory --params 7.5e9 --zero 1 --dp 64",
        "memory --params 7.5e9 --zero 3 --dp 64 --format csv",
        "memory deepspeed --params 3e9 --largest-layer-params 5e8 --zero 3",
        "scaling optimal --compute-flops 1e21",
        "scaling loss --params 7e10 --tokens 1.4e12",
        "cluster step --model gpt3-175b --gpus 1024 --tp 8 --pp 8 --seq 2048 --micro-batch 1",
        "cluster checkpoint-interval --mtbf-hours 24 --checkpoint-seconds 60"})
    void outputIsTheSameUnderGerman(String command) {
        String[] args = command.split(" ");
        Run english = run(Locale.US, args);
        Run german = run(Locale.GERMANY, args);
        assertEquals(english.exit, german.exit, german.err);
        assertEquals(english.out, german.out, command);
        assertEquals(english.err, german.err, command);
        assertFalse(german.out.matches("(?s).*\\d,\\d\\d (GB|GiB|TB|s|%).*"), german.out);
    }

    private record Run(int exit, String out, String err) { }

    private static Run run(Locale locale, String... args) {
        Locale saved = Locale.getDefault();
        Locale.setDefault(locale);
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = ScaleLab.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            int exit = cl.execute(args);
            return new Run(exit, out.toString(), err.toString());
        } finally {
            Locale.setDefault(saved);
        }
    }
}
