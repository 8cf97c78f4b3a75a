package org.scalelab.common;

/**
 * How a long domain computation (a bootstrap, Monte-Carlo replications, a kernel sweep) reports
 * progress without knowing about terminals. The command line turns it into a progress bar on
 * stderr when stderr is a terminal.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} units are finished; may be called from several threads. */
    void progress(long done, long total);
}
