package org.scalelab.report.cli;

import org.scalelab.common.Check;
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
                throw new CommandLine.TypeConversionException("'" + s + "' is out of range for an integer");
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

    public static long parseLong(String s) {
        double d;
        try {
            d = Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is not a number");
        }
        if (!Double.isFinite(d) || d != Math.rint(d)) {
            throw new CommandLine.TypeConversionException("'" + s + "' must be an integer (exponent notation such as 7.5e9 is fine)");
        }
        try {
            return Check.integral("value", d);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + s + "' is too large for an integer option");
        }
    }
}
