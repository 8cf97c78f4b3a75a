package org.scalelab.reports;

import picocli.CommandLine;

/**
 * The version printed by {@code --version} and in every report. It sits above the command and
 * domain packages so that any of them can stamp a report without depending on the command line.
 */
public final class Version implements CommandLine.IVersionProvider {
    /** The project version from the jar manifest, or "dev" when run from classes. */
    public static String current() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"scalelab " + current(), "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
