package org.scalelab.common;

/**
 * The master seed every command and parameter file uses unless one is given: simulations
 * (cluster simulate, kind: cluster, plan, sweeps), bootstrap fits (scaling fit) and the input
 * matrices of kernel runs. One value, so a run without {@code --seed} or {@code seed:} is the same
 * run whichever entry point started it.
 */
public final class Seeds {
    /** The default master seed: a fixed date (2024-01-01), chosen once; any fixed value would do. */
    public static final long DEFAULT = 20240101L;

    private Seeds() {}
}
