package org.scalelab.common;

/**
 * The one unit convention of ScaleLab: {@code _gb} = 10⁹ bytes, {@code _gib} = 2³⁰ bytes,
 * {@code _gb_per_s} = 10⁹ bytes/s, {@code _gbit_per_s} = 10⁹ bits/s (network line rates).
 */
public final class Units {
    private Units() {}

    /** Bytes in a GB (10⁹), the unit of the ZeRO paper and of vendors' HBM capacities. */
    public static final double BYTES_PER_GB = 1e9;
    /** Bytes in a GiB (2³⁰), the unit of DeepSpeed's and PyTorch's printouts. */
    public static final double BYTES_PER_GIB = 1024.0 * 1024.0 * 1024.0;
    /** Seconds in an hour. */
    public static final double SECONDS_PER_HOUR = 3600.0;
    /** Seconds in a day. */
    public static final double SECONDS_PER_DAY = 86400.0;
    /** FLOPs in a PF-day (10¹⁵ FLOP/s for a day), Kaplan et al. 2020's unit of compute. */
    public static final double FLOPS_PER_PF_DAY = 1e15 * SECONDS_PER_DAY;
}
