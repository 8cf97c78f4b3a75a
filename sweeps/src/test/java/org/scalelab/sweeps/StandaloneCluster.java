package org.scalelab.sweeps;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1 for the integration test: one Master and one
 * Worker, started as separate JVMs from the Spark jars this module depends on (target/lib, laid
 * out as the jars/ of a throw-away SPARK_HOME so the Worker can launch executors). Closing it
 * stops every process it started, executors included, and waits for them.
 */
final class StandaloneCluster implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();
    private final Path home;
    private final Path work;
    private final List<String> jvmFlags;
    private String masterUrl;
    private Process worker;

    private StandaloneCluster(Path lib, Path work, List<String> jvmFlags) throws IOException {
        if (Files.exists(work)) {
            // a previous run's executor logs would count as finished tasks of this one
            try (java.util.stream.Stream<Path> s = Files.walk(work)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        this.work = Files.createDirectories(work);
        this.home = Files.createDirectories(work.resolve("spark-home"));
        Path jars = home.resolve("jars");
        if (!Files.exists(jars, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.createSymbolicLink(jars, lib.toAbsolutePath());
        }
        this.jvmFlags = jvmFlags;
    }

    /** Starts a Master and a Worker with {@code cores} cores and waits until the Worker has registered. */
    static StandaloneCluster start(Path lib, Path work, List<String> jvmFlags, int cores) throws Exception {
        StandaloneCluster c = new StandaloneCluster(lib, work, jvmFlags);
        // also when the test JVM is stopped from outside (a timeout, Ctrl-C)
        Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        try {
            int port = freePort();
            c.masterUrl = "spark://127.0.0.1:" + port;
            Process master = c.launch("master", "org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", String.valueOf(freePort()));
            c.awaitLog("master", master, "I have been elected leader", Duration.ofSeconds(120));
            c.worker = c.launch("worker", "org.apache.spark.deploy.worker.Worker",
                    "--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", "2g",
                    "--webui-port", String.valueOf(freePort()), "--work-dir", Files.createDirectories(work.resolve("worker")).toString(),
                    c.masterUrl);
            c.awaitLog("worker", c.worker, "Successfully registered with master", Duration.ofSeconds(120));
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    /** The executor JVMs the Worker runs now. */
    List<ProcessHandle> executors() {
        return worker.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .toList();
    }

    /** Tasks the executors have finished so far ("Finished task" lines in the executors' logs). */
    long finishedTasks() {
        try (java.util.stream.Stream<Path> files = Files.walk(work.resolve("worker"))) {
            long n = 0;
            for (Path f : files.filter(p -> p.getFileName().toString().equals("stderr")).toList()) {
                n += Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> l.contains("Finished task")).count();
            }
            return n;
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** The tail of a process's log, for failure messages. */
    String log(String name) {
        try {
            String s = Files.readString(work.resolve(name + ".log"), StandardCharsets.UTF_8);
            return s.substring(Math.max(0, s.length() - 4000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Process launch(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(home.resolve("jars") + "/*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private void awaitLog(String name, Process p, String line, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        Path log = work.resolve(name + ".log");
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited with " + p.exitValue() + ":\n" + log(name));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not log '" + line + "' within " + timeout + ":\n" + log(name));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Stops the Worker's executors, the Worker and the Master (in that order), forcibly if they linger. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by the caller's assertions; nothing more to do here
            }
        }
    }
}
