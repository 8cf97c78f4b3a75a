package org.scalelab.sweeps;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for every test class in the JVM: starting Spark costs seconds. */
final class TestSpark {
    private static SparkSession session;

    private TestSpark() {}

    static synchronized SparkSession local2() {
        if (session == null) {
            session = SparkSessions.start("local[2]", java.util.List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
