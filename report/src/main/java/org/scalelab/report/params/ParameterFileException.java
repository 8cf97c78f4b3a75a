package org.scalelab.report.params;

/**
 * A parameter file broke a rule: the message reads
 * {@code bad.yaml:7 cluster.network.inter_node_gbit_per_s: must be > 0, was -5}. Exits 2.
 */
public final class ParameterFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ParameterFileException(String message) {
        super(message);
    }

    public ParameterFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
