package org.scalelab.report.params;

import java.math.BigDecimal;

/**
 * The one rule for integer keys of parameter files and integer options of the command line: a whole
 * number in any notation ({@code 7.5e9}) is taken; a number past the integer type's range
 * ({@code 3000000000} for an {@code int}, {@code 1e400}) saturates at the range's end, so that the
 * key's own bound rejects it, states that bound and echoes the value as typed
 * ({@code layers: must be in [1, 100000], was 3000000000}); where a key has no bound of its own the
 * type's range is that bound ({@link #rule}).
 */
public final class WholeNumbers {
    private WholeNumbers() {}

    /** The rule for a value past {@code [min, max]} that no tighter bound rejected. */
    public static String rule(long min, long max) {
        return "must be an integer in [" + min + ", " + max + "]";
    }

    /** {@code d} inside {@code [min, max]}: itself when it is inside, else the nearer end. */
    public static long saturate(double d, long min, long max) {
        return d >= max ? max : d <= min ? min : (long) d;
    }

    /**
     * Whether {@code d} lies past {@code [min, max]} (and would saturate). A long's ends are not
     * doubles: 2⁶³ compares equal to {@code Long.MAX_VALUE} as a double, yet lies past it.
     */
    public static boolean beyond(double d, long min, long max) {
        return !(d >= min && d <= max) || max == Long.MAX_VALUE && d >= 0x1p63;
    }

    /**
     * The number {@code text} writes ({@code 3000000000}, {@code 7.5e9}, {@code 1e400} as infinity;
     * underscores between digits allowed), or NaN when it is not a number.
     */
    public static double value(String text) {
        String plain = text.replace("_", "").strip();
        try {
            return plain.matches("[+-]?\\d+") ? new BigDecimal(plain).doubleValue() : Double.parseDouble(plain);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Whether {@code bound} (the number a rule echoes) is {@code typed} as bound: the same number, or
     * the end of an {@code int} or {@code long} range that {@code typed} lies past.
     */
    public static boolean boundAs(String typed, String bound) {
        double t = value(typed);
        double b = value(bound);
        if (Double.isNaN(t) || Double.isNaN(b)) {
            return false;
        }
        if (t == b) {
            return true;
        }
        return (b == Integer.MAX_VALUE || b == Long.MAX_VALUE) && t > b
                || (b == Integer.MIN_VALUE || b == Long.MIN_VALUE) && t < b;
    }
}
