package org.scalelab.common;

import java.util.Collection;

/**
 * The checks that parameter records run in their compact constructors. Every check rejects NaN
 * and infinities, and names the field (snake_case, as the parameter-file key), the rule and the
 * value. Field names carry their unit ({@code memory_gb}, {@code latency_seconds}).
 */
public final class Check {
    private Check() {}

    /** {@code value > 0} and finite. */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(field, value == Double.POSITIVE_INFINITY ? "must be a finite number > 0"
                    : "must be > 0", format(value));
        }
        return value;
    }

    /** {@code value >= 0} and finite. */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidParameterException(field, value == Double.POSITIVE_INFINITY ? "must be a finite number >= 0"
                    : "must be >= 0", format(value));
        }
        return value;
    }

    /** {@code lo <= value <= hi}. */
    public static double inRange(String field, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new InvalidParameterException(field, "must be in [" + format(lo) + ", " + format(hi) + "]", format(value));
        }
        return value;
    }

    /** {@code lo < value <= hi} (for fractions such as an efficiency in (0, 1]). */
    public static double inHalfOpen(String field, double value, double lo, double hi) {
        if (!(value > lo && value <= hi)) {
            throw new InvalidParameterException(field, "must be in (" + format(lo) + ", " + format(hi) + "]", format(value));
        }
        return value;
    }

    /** A finite number (any sign). */
    public static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(field, "must be a finite number", format(value));
        }
        return value;
    }

    /** {@code value >= 1}. */
    public static long atLeastOne(String field, long value) {
        return atLeast(field, value, 1);
    }

    /** {@code value >= min}. */
    public static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new InvalidParameterException(field, "must be >= " + format(min), value);
        }
        return value;
    }

    /** {@code lo <= value <= hi} for counts. */
    public static long inRange(String field, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new InvalidParameterException(field, "must be in [" + format(lo) + ", " + format(hi) + "]", value);
        }
        return value;
    }

    /** {@code divisor} divides {@code value}; the message names both fields. */
    public static void divides(String field, long divisor, String ofField, long value) {
        if (divisor <= 0 || value % divisor != 0) {
            throw new InvalidParameterException(field, "must divide " + ofField + " (" + value + ")", divisor);
        }
    }

    /** A double that must be a whole number (for counts given in exponent notation, 7.5e9). */
    public static long integral(String field, double value) {
        if (!Double.isFinite(value) || value != Math.rint(value) || Math.abs(value) > 9.007199254740992E15) {
            throw new InvalidParameterException(field, "must be an integer", format(value));
        }
        return (long) value;
    }

    /** Non-null. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidParameterException(field, "is required", "missing");
        }
        return value;
    }

    /** Non-empty collection. */
    public static <C extends Collection<?>> C nonEmpty(String field, C values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidParameterException(field, "must not be empty", values == null ? "missing" : "[]");
        }
        return values;
    }

    /** One of the allowed names; the message lists them all. */
    public static String oneOf(String field, String value, Collection<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new InvalidParameterException(field, "must be one of " + String.join(", ", allowed), value,
                    Suggestions.didYouMean(value, allowed));
        }
        return value;
    }

    /**
     * Formats a number the way every message shows its bounds and values, the one place that does:
     * plain digits from 10⁻³ to 10⁷ ({@code 0.25}) and for whole numbers below 10¹⁵ ({@code 100000},
     * {@code 6738415616}); otherwise the shortest exact mantissa with a lowercase exponent, the way
     * users type such numbers ({@code 1e18}, {@code 2.5e20}, {@code 1.08e-295}), never Java's
     * {@code 1.0E18}. NaN and infinities as Java spells them.
     */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return readable(new java.math.BigDecimal(Double.toString(value)));
    }

    /** A count formatted as {@link #format(double)} formats it ({@code 1048576}, {@code 1e15}). */
    public static String format(long value) {
        return readable(java.math.BigDecimal.valueOf(value));
    }

    private static String readable(java.math.BigDecimal exact) {
        java.math.BigDecimal d = exact.stripTrailingZeros();
        java.math.BigDecimal abs = d.abs();
        boolean ordinary = d.signum() == 0 || abs.compareTo(new java.math.BigDecimal("0.001")) >= 0
                && abs.compareTo(java.math.BigDecimal.TEN.pow(7)) < 0;
        boolean exactCount = d.scale() <= 0 && abs.compareTo(java.math.BigDecimal.TEN.pow(15)) < 0;
        if (ordinary || exactCount) {
            return d.toPlainString();
        }
        int exponent = d.precision() - d.scale() - 1;
        return d.movePointLeft(exponent).toPlainString() + "e" + exponent;
    }
}
