package org.scalelab.common;

/**
 * A parameter broke a rule. Carries the field (as a parameter-file key path such as
 * {@code network.inter_node_gbit_per_s}), the rule and the offending value, so that the
 * command line and the parameter-file parser can print
 * {@code bad.yaml:7 cluster.network.inter_node_gbit_per_s: must be > 0, was -5}.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String rule;
    private final String value;

    public InvalidParameterException(String field, String rule, Object value) {
        super(field + ": " + rule + ", was " + value);
        this.field = field;
        this.rule = rule;
        this.value = String.valueOf(value);
    }

    /** The field's key path, snake_case as in parameter files. */
    public String field() { return field; }

    /** The rule that was broken, for example {@code must be > 0}. */
    public String rule() { return rule; }

    /** The rejected value as text. */
    public String value() { return value; }

    /** The same failure with {@code prefix.} in front of the field path (used when nesting). */
    public InvalidParameterException under(String prefix) {
        InvalidParameterException e = new InvalidParameterException(prefix + "." + field, rule, value);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
