package org.scalelab.cluster;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.scalelab.cluster.failure.FailureDistribution;
import org.scalelab.cluster.failure.Llama3Failures;
import org.scalelab.cluster.internal.EventQueue;
import org.scalelab.cluster.sim.JobModel;
import org.scalelab.cluster.sim.StepShares;
import org.scalelab.cluster.sim.MonteCarlo;
import org.scalelab.cluster.sim.Replication;
import org.scalelab.common.ProgressListener;

/**
 * Speed of the discrete-event engine: events per second of the job simulator on one core, the
 * raw event queue, and the wall time of the Llama 3 405B scenario with 1000 replications.
 */
@State(Scope.Benchmark)
public class SimulatorBenchmark {
    /**
     * The Llama 3 scenario as examples/cluster-llama3-405b-16k.yaml derives it (step 8.0 s,
     * 31 steps per checkpoint, 2.84 s stall, 120 s detection, 602.84 s restart with the read,
     * 64 spares, 72 h repair, maintenance every 27.57 h for 1800 s, Table 5 failure rates).
     */
    static JobModel llama3() {
        double step = 8.0033;
        return new JobModel(54 * 86400.0, 31 * step, 2.84, 0, false, 120, 602.84, 64, 72 * 3600.0, 27.57 * 3600, 1800,
                Llama3Failures.causes(16_384, FailureDistribution.EXPONENTIAL, 1), StepShares.withExposedCommunication(0.07));
    }

    private JobModel job;
    private org.scalelab.cluster.sim.JobSimulator simulator;
    private SplittableRandom master;

    @Param({"1000"})
    public int replications;

    @Setup(Level.Trial)
    public void setUp() {
        job = llama3();
        simulator = new org.scalelab.cluster.sim.JobSimulator(job);
        master = new SplittableRandom(1);
    }

    /** Counts simulated events so that JMH reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Events {
        public long events;
    }

    /** One replication on one thread; the "events" counter gives events per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public Replication oneReplication(Events counter) {
        Replication r = simulator.run(master.split(), null);
        counter.events += r.events();
        return r;
    }

    /** The raw queue: push and pop 32 events at a queue depth of about 30, as in the job simulator. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(1)
    public double queuePushPop(QueueState s, Events counter) {
        double acc = 0;
        for (int i = 0; i < 32; i++) {
            s.queue.pop();
            acc += s.queue.time();
            s.queue.push(s.queue.time() + s.deltas[(s.cursor++) & 1023], 0, i);
        }
        counter.events += 32;
        return acc;
    }

    /** A queue kept at a depth of 30. */
    @State(Scope.Thread)
    public static class QueueState {
        final EventQueue queue = new EventQueue(64);
        final double[] deltas = new double[1024];
        int cursor;

        @Setup(Level.Trial)
        public void fill() {
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < deltas.length; i++) {
                deltas[i] = r.nextDouble() * 100;
            }
            for (int i = 0; i < 30; i++) {
                queue.push(deltas[i], 0, i);
            }
        }
    }

    /** Wall time of the Llama 3 scenario with 1000 replications on all cores. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Replication> llama3Replications() {
        return MonteCarlo.run(job, replications, 20240723L, Runtime.getRuntime().availableProcessors(), ProgressListener.NONE);
    }
}
// How to run:
//   ./mvnw -B -q -Pbenchmarks -pl cluster-sim -am verify \
//       -Djmh.args="SimulatorBenchmark -f 1 -wi 3 -i 5 -rf json -rff /tmp/cluster-jmh.json"
