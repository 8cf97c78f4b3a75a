package org.scalelab.report.cli;

import picocli.CommandLine;

/**
 * Lets every count, size or FLOP option take exponent notation ({@code --params 7.5e9},
 * {@code --bytes 1e9}); an integer option given a non-integral value is rejected (exit 2).
 */
public final class NumberConverters {
    private NumberConverters() {}

    public static void register(CommandLine cl) {
        CommandLine.ITypeConverter<Long> toLong = NumberConverters::parseLong;
        CommandLine.ITypeConverter<Integer> toInt = s -> {
            long v = parseLong(s);
            if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
                throw new CommandLine.TypeConversionException("'" + s + "' is beyond the range of this option, [-2^31, 2^31)");
            }
            return (int) v;
        };
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
     * The option's value as a long: a plain integer exactly, exponent notation when whole. Values up
     * to the range of a long pass, so that the option's own bound rejects them and states that
     * bound; the message then echoes the text as given ({@code was 1e16}).
     */
    public static long parseLong(String s) {
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
        if (Double.isNaN(d) || (Double.isFinite(d) && d != Math.rint(d))) {
            throw new CommandLine.TypeConversionException("'" + s + "' must be an integer (exponent notation such as 7.5e9 is fine)");
        }
        if (!(Math.abs(d) < 0x1p63)) {
            throw new CommandLine.TypeConversionException("'" + s + "' is beyond the range of an integer option, [-2^63, 2^63)");
        }
        return (long) d;
    }
}
