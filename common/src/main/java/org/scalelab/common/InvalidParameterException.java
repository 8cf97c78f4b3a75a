package org.scalelab.common;

/**
 * Bad input: the one exception type for everything a user can get wrong, which the command line
 * prints as one line and exits 2 for. A broken rule on one parameter carries the field (as a
 * parameter-file key path such as {@code network.inter_node_gbit_per_s}), the rule and the
 * offending value, so that the command line and the parameter-file parser can print
 * {@code bad.yaml:7 cluster.network.inter_node_gbit_per_s: must be > 0, was -5}; other bad input
 * (an unreadable data file, options that cannot go together, a parameter file's syntax) carries
 * only its message.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;
    private final String value;
    private final String hint;

    /**
     * A broken rule on one parameter: {@code field: rule, was value}, on one line, the value cut to
     * {@value #MAX_VALUE_CHARS} characters.
     */
    public InvalidParameterException(String field, String rule, Object value) {
        this(field, rule, value, null);
    }

    /**
     * A failure with a hint after the value, such as {@code did you mean h100-sxm?}
     * ({@code hint} may be null).
     */
    public InvalidParameterException(String field, String rule, Object value, String hint) {
        super(oneLine(field, Integer.MAX_VALUE) + ": " + oneLine(rule, MAX_MESSAGE_CHARS) + ", was "
                + oneLine(shown(value), MAX_VALUE_CHARS) + (hint == null ? "" : "; " + oneLine(hint, MAX_VALUE_CHARS)));
        this.field = field;
        this.rule = rule;
        this.value = oneLine(shown(value), MAX_VALUE_CHARS);
        this.hint = hint;
    }

    /** A number as every message shows it ({@link Check#format}: {@code 1e18}, not {@code 1.0E18}); anything else as is. */
    private static String shown(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return Check.format(((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    /** Longest value a message shows; a longer one is cut and marked (a 100 KB value is not echoed). */
    public static final int MAX_VALUE_CHARS = 80;
    /** Longest message of the other kind. */
    public static final int MAX_MESSAGE_CHARS = 400;

    /** {@code text} on one line (line breaks and tabs become spaces), cut to {@code max} characters. */
    public static String oneLine(String text, int max) {
        String s = text == null ? "null" : text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return s.length() <= max ? s : s.substring(0, max) + "... (" + s.length() + " characters)";
    }

    /** A whole message ending {@code , was VALUE} with the value cut like the others. */
    private static String cutValue(String message) {
        if (message == null) {
            return "null";
        }
        int i = message.indexOf(", was ");
        return i < 0 ? message : message.substring(0, i + 6) + oneLine(message.substring(i + 6), MAX_VALUE_CHARS);
    }

    /** Bad input that is not one parameter's rule; {@code message} is printed as it is. */
    public InvalidParameterException(String message) {
        this(message, (Throwable) null);
    }

    /** As {@link #InvalidParameterException(String)}, keeping the cause. */
    public InvalidParameterException(String message, Throwable cause) {
        super(oneLine(cutValue(message), MAX_MESSAGE_CHARS), cause);
        this.field = "";
        this.rule = oneLine(cutValue(message), MAX_MESSAGE_CHARS);
        this.value = "";
        this.hint = null;
    }

    /** The hint after the value (e.g. {@code did you mean zero?}), or null. */
    public String hint() { return hint; }

    /** The field's key path, snake_case as in parameter files; empty when no single field is at fault. */
    public String field() { return field; }

    /** The rule that was broken, for example {@code must be > 0} (the whole message when no field is at fault). */
    public String rule() { return rule; }

    /** The rejected value as text (empty when no field is at fault). */
    public String value() { return value; }

    /** The same failure with {@code prefix.} in front of the field path (used when nesting). */
    public InvalidParameterException under(String prefix) {
        if (field.isEmpty()) {
            return this;
        }
        InvalidParameterException e = new InvalidParameterException(prefix + "." + field, rule, value, hint);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
