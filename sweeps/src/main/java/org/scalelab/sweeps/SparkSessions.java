package org.scalelab.sweeps;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.scalelab.common.InvalidParameterException;

/**
 * Starts the Spark session of a sweep: {@code local[*]}, {@code local[N]}, or a cluster's master
 * URL ({@code spark://HOST:PORT}, {@code yarn}, {@code k8s://...}). For a cluster the job's
 * classes travel to the executors as {@code spark.jars}: the sweeps jar this class was loaded
 * from (or the one the system property {@value #JAR_PROPERTY} names), which holds ScaleLab and every library Spark does not bring itself. The web UI is off
 * (nothing listens that the user did not ask for); the driver binds to 127.0.0.1 when the master
 * is local or on the loopback address.
 */
public final class SparkSessions {
    /** System property naming the jar to ship instead of this class's own (tests run from target/classes). */
    public static final String JAR_PROPERTY = "scalelab.sweeps.jar";

    private SparkSessions() {}

    /**
     * Starts (or joins) the session.
     *
     * @param master  the Spark master URL
     * @param jobJars the jars to ship to the executors of a cluster, or empty to use the jar this class came from
     * @throws InvalidParameterException naming {@code master} for an empty URL, or when a cluster
     *     master is given and no jar can be found to ship
     */
    public static SparkSession start(String master, java.util.List<Path> jobJars) {
        if (master == null || master.isBlank()) {
            throw new InvalidParameterException("master", "must be local[*], local[N] or a cluster URL such as spark://HOST:7077", "empty");
        }
        SparkSession.Builder b = SparkSession.builder()
                .master(master)
                .appName("scalelab-sweep")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.adaptive.enabled", "false");
        boolean local = master.startsWith("local");
        if (local || isLoopback(master)) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        if (!local) {
            java.util.List<Path> jars = !jobJars.isEmpty() ? jobJars
                    : System.getProperty(JAR_PROPERTY) != null ? java.util.List.of(Path.of(System.getProperty(JAR_PROPERTY)))
                    : ownJar() != null ? java.util.List.of(ownJar()) : java.util.List.of();
            if (jars.isEmpty() || !jars.stream().allMatch(Files::isRegularFile)) {
                throw new InvalidParameterException("master", "needs the sweeps jar to ship to the executors (run through ./scalelab, "
                        + "which builds sweeps/target/scalelab-sweeps.jar)", master);
            }
            b.config("spark.jars", String.join(",", jars.stream().map(j -> j.toAbsolutePath().toString()).toList()));
        }
        return b.getOrCreate();
    }

    /** The jar this class was loaded from, or null when it came from a directory (tests). */
    static Path ownJar() {
        try {
            URI uri = SparkSessions.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            Path p = Path.of(uri);
            return p.toString().toLowerCase(Locale.ROOT).endsWith(".jar") ? p : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean isLoopback(String master) {
        return master.matches("spark://(127\\.[0-9.]+|localhost)(:[0-9]+)?");
    }
}
