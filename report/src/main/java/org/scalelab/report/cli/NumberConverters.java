package org.scalelab.report.cli;

import org.scalelab.report.params.WholeNumbers;
import picocli.CommandLine;

/**
 * Lets every count, size or FLOP option take exponent notation ({@code --params 7.5e9},
 * {@code --bytes 1e9}); an integer option given a non-integral value is rejected (exit 2), and an
 * {@code int} option given a value past its range is rejected by its own bound ({@link #parseInt}).
 */
public final class NumberConverters {
    private NumberConverters() {}

    public static void register(CommandLine cl) {
        CommandLine.ITypeConverter<Long> toLong = NumberConverters::parseLong;
        CommandLine.ITypeConverter<Integer> toInt = NumberConverters::parseInt;
        CommandLine.ITypeConverter<Double> toDouble = s -> {
            try {
                return Double.parseDouble(s.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
            }
        };
        cl.registerConverter(Long.class, toLong).registerConverter(Long.TYPE, toLong)
                .registerConverter(Integer.class, toInt).registerConverter(Integer.TYPE, toInt)
                .registerConverter(Double.class, toDouble).registerConverter(Double.TYPE, toDouble);
    }

    /**
     * The option's value as an int: exponent notation when whole; past the int range it saturates
     * ({@link WholeNumbers}), so that the option's own bound rejects it, stating that bound and echoing
     * the value as typed ({@code --layers: must be in [1, 100000], was 3000000000}).
     */
    public static int parseInt(String s) {
        double d = WholeNumbers.value(s);
        if (Double.isNaN(d)) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
        }
        if (Double.isFinite(d) && d != Math.rint(d)) {
            throw new CommandLine.TypeConversionException("'" + s + "' must be an integer (exponent notation such as 7.5e9 is fine)");
        }
        return (int) WholeNumbers.saturate(d, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /**
     * The option's value as a long: a plain integer exactly, exponent notation when whole. Values up
     * to the range of a long pass, so that the option's own bound rejects them and states that
     * bound; the message then echoes the text as given ({@code was 1e16}). A value past a long's
     * range ({@code Infinity}, {@code 1e30}) saturates at its end, as {@link #parseInt} does, so that
     * the option's bound states its rule ({@code --params: must be in [1, 1e15], was Infinity});
     * an option with no bound of its own (a seed) uses {@link Exact}.
     */
    public static long parseLong(String s) {
        try {
            return parseExactLong(s);
        } catch (CommandLine.TypeConversionException e) {
            double d = WholeNumbers.value(s);
            if (Double.isNaN(d) || !WholeNumbers.beyond(d, Long.MIN_VALUE, Long.MAX_VALUE)) {
                throw e;
            }
            return WholeNumbers.saturate(d, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    /** A long option that any long may take (a seed): a value past a long's range is refused, not saturated. */
    public static final class Exact implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parseExactLong(value);
        }
    }

    private static long parseExactLong(String s) {
        String plain = s.replace("_", "");
        if (plain.matches("[+-]?\\d+")) {
            try {
                return Long.parseLong(plain);
            } catch (NumberFormatException e) {
                // beyond a long: rejected below
            }
        }
        double d;
        try {
            d = Double.parseDouble(plain);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
        }
        if (Double.isNaN(d)) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
        }
        if (Double.isFinite(d) && d != Math.rint(d)) {
            throw new CommandLine.TypeConversionException("'" + s + "' must be an integer (exponent notation such as 7.5e9 is fine)");
        }
        if (!(Math.abs(d) < 0x1p63)) {
            throw new CommandLine.TypeConversionException("'" + s + "' is beyond the range of an integer option, [-2^63, 2^63)");
        }
        return (long) d;
    }
}
