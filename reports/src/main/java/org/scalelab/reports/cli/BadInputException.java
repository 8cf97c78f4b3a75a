package org.scalelab.reports.cli;

/**
 * Bad input that is not a single parameter (an unreadable data file, a missing column, a
 * combination of options that cannot go together). Exits 2 with its message.
 */
public final class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
