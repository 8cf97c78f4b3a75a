package org.scalelab.kernels;

/**
 * A kernel did not run where it was asked to (Aparapi falls back to its Java thread pool
 * silently when OpenCL fails), or its result is wrong: the measurement is rejected, never relabelled.
 */
public final class ExecutionMismatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExecutionMismatchException(String message) {
        super(message);
    }
}
