package org.scalelab.reports.kernels;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.scalelab.kernels.run.Devices;

/**
 * Where and when a kernels report measured: the machine (CPU model and the cores the JVM sees),
 * the UTC date, and the system load average (one minute) at the start and end of the measuring,
 * the larger kept, since timings on a shared machine depend on it. Printed beside every measured
 * figure as {@code measured on <machine>, <date>, load <x>}.
 *
 * @param machine CPU model and core count
 * @param date    UTC date, ISO-8601
 * @param load    one-minute load average (the larger of start and end), NaN where the OS gives none
 */
public record MeasuredOn(String machine, String date, double load) {

    /** The label printed beside a measured figure. */
    public String label() {
        return "measured on " + machine + ", " + date + ", load " + (Double.isNaN(load) ? "unknown" : String.format(Locale.ROOT, "%.1f", load));
    }

    /** This machine now, with the load read now; {@link #withLoadAtEnd} adds the end of the run. */
    static MeasuredOn now() {
        return new MeasuredOn(Devices.cpuModel() + " (" + Runtime.getRuntime().availableProcessors() + " cores)",
                LocalDate.now(ZoneOffset.UTC).toString(), loadAverage());
    }

    /** The same, with the load at the end of the run when higher. */
    MeasuredOn withLoadAtEnd() {
        double end = loadAverage();
        return new MeasuredOn(machine, date, Double.isNaN(load) ? end : Double.isNaN(end) ? load : Math.max(load, end));
    }

    private static double loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l >= 0 ? l : Double.NaN;
    }
}
