package org.scalelab.cluster.sim;

import java.util.SplittableRandom;
import org.scalelab.cluster.failure.FailureCause;
import org.scalelab.cluster.failure.FailureDistribution;
import org.scalelab.cluster.internal.EventQueue;
import org.scalelab.common.Units;

/**
 * The discrete-event simulation of one training job under failures and checkpoints. Steps are
 * never simulated one by one: a whole checkpoint interval of steps is one event, so the cost
 * grows with the number of checkpoints, failures, repairs and maintenances, not with GPUs × steps.
 *
 * <p>The job cycles through working (τ of compute), checkpointing (stall δ; with two stages the
 * persistence continues in the background), and after a failure detection, possibly waiting for a
 * spare node, and restart. Failures of every cause arrive in wall-clock time whatever the job is
 * doing; one during a restart starts it over, and every failure loses the work since the last
 * durable checkpoint. Planned maintenance takes a checkpoint first, so it loses nothing.
 *
 * <p>One instance is reused for many replications by one thread; {@link #run} allocates nothing
 * per event. Time conservation (the categories add up to the wall time) is checked at the end of
 * every run and a violation throws {@link IllegalStateException}.
 */
public final class JobSimulator {
    private static final int FAILURE = 0;
    private static final int SEGMENT_END = 1;
    private static final int CHECKPOINT_END = 2;
    private static final int PERSIST_END = 3;
    private static final int DETECTION_END = 4;
    private static final int RESTART_END = 5;
    private static final int REPAIR_DONE = 6;
    private static final int MAINTENANCE_DUE = 7;
    private static final int MAINTENANCE_END = 8;
    private static final int HORIZON = 9;

    private enum State { WORKING, CHECKPOINTING, DETECTING, WAITING, RESTARTING, MAINTENANCE }

    private final JobModel job;
    private final int causeCount;
    private final double[] causeMean;
    private final double[] causeScale;
    private final double[] causeShape;
    private final FailureDistribution[] causeDistribution;
    private final boolean[] causeNeedsSpare;
    private final EventQueue queue;
    private final SplittableRandom[] causeRng;

    // Per-run state.
    private State state;
    private double stateStart;
    private long stateGen;
    private long persistGen;
    private double workDone;
    private double durableMark;
    private double durableMarkTime;
    private double inFlightMark = -1;
    private double inFlightMarkTime;
    private double queuedMark = -1;
    private double queuedMarkTime;
    private boolean maintenancePending;
    private boolean maintenanceAfterCheckpoint;
    private int needSpares;
    private int sparesAvailable;
    private final double[] seconds = new double[TimeCategory.values().length];
    private long[] failures;
    private long planned;
    private long events;
    private Timeline timeline;
    private boolean horizonReached;
    private boolean done;
    private Booked atHorizon;

    /** The books at the horizon, completed with the commit that follows it. */
    private static final class Booked {
        double[] seconds;
        long[] failures;
        long planned;
        double committedWorkSeconds;
        double committedWallSeconds;

        Replication toReplication(long events) {
            return new Replication(seconds, failures, planned, events, committedWorkSeconds, committedWallSeconds);
        }
    }

    /** A simulator for {@code job}; reuse it for many replications on one thread. */
    public JobSimulator(JobModel job) {
        this.job = job;
        causeCount = job.causes().size();
        causeMean = new double[causeCount];
        causeScale = new double[causeCount];
        causeShape = new double[causeCount];
        causeDistribution = new FailureDistribution[causeCount];
        causeNeedsSpare = new boolean[causeCount];
        for (int i = 0; i < causeCount; i++) {
            FailureCause c = job.causes().get(i);
            causeMean[i] = c.mtbfHours() * Units.SECONDS_PER_HOUR;
            causeShape[i] = c.weibullShape();
            causeDistribution[i] = c.distribution();
            causeScale[i] = FailureDistribution.weibullScale(causeMean[i], c.weibullShape());
            causeNeedsSpare[i] = c.needsReplacement();
        }
        queue = new EventQueue(64 + 4 * causeCount);
        causeRng = new SplittableRandom[causeCount];
    }

    /**
     * Runs one replication. Each cause draws from its own stream split from {@code rng}, so the
     * failure times of a replication are the same whatever the checkpoint policy (common random
     * numbers across configurations).
     *
     * @param recordTo a timeline to fill, or null
     */
    public Replication run(SplittableRandom rng, Timeline recordTo) {
        reset(recordTo);
        for (int i = 0; i < causeCount; i++) {
            causeRng[i] = rng.split();
            queue.push(nextFailureDelay(i), FAILURE, i);
        }
        queue.push(job.horizonSeconds(), HORIZON, 0);
        if (job.maintenanceIntervalSeconds() > 0) {
            queue.push(job.maintenanceIntervalSeconds(), MAINTENANCE_DUE, 0);
        }
        enterWorking(0.0);
        while (true) {
            queue.pop();
            events++;
            double t = queue.time();
            long payload = queue.payload();
            switch (queue.type()) {
                case HORIZON -> {
                    if (payload == 0) {
                        reachHorizon(t);
                    } else {
                        done = true; // the cap: no commit came soon enough after the horizon
                    }
                }
                case FAILURE -> onFailure(t, (int) payload);
                case SEGMENT_END -> {
                    if (payload == stateGen) {
                        startCheckpoint(t);
                    }
                }
                case CHECKPOINT_END -> {
                    if (payload == stateGen) {
                        onCheckpointEnd(t);
                    }
                }
                case PERSIST_END -> {
                    if (payload == persistGen) {
                        onPersistEnd(t);
                    }
                }
                case DETECTION_END -> {
                    if (payload == stateGen) {
                        leave(t);
                        acquireSparesOrWait(t);
                    }
                }
                case RESTART_END, MAINTENANCE_END -> {
                    if (payload == stateGen) {
                        leave(t);
                        if (queue.type() == MAINTENANCE_END) {
                            enter(State.RESTARTING, t, job.restartSeconds(), RESTART_END);
                        } else {
                            enterRunning(t);
                        }
                    }
                }
                case REPAIR_DONE -> {
                    sparesAvailable++;
                    if (state == State.WAITING && sparesAvailable >= needSpares) {
                        leave(t);
                        takeSpares(t);
                    }
                }
                case MAINTENANCE_DUE -> onMaintenanceDue(t);
                default -> throw new IllegalStateException("unknown event type " + queue.type());
            }
            if (done) {
                atHorizon.committedWorkSeconds = durableMark;
                atHorizon.committedWallSeconds = t;
                return atHorizon.toReplication(events);
            }
        }
    }

    /**
     * Books the run up to the horizon, then lets it go on to its next durable checkpoint: the
     * number of complete cycles up to that commit is a stopping time, so by Wald's identity the
     * committed work and wall time at that commit estimate the long-run ETTR without the end
     * bias of cutting a cycle at the horizon.
     */
    private void reachHorizon(double t) {
        leave(t);
        atHorizon = finish();
        horizonReached = true;
        queue.push(2 * job.horizonSeconds(), HORIZON, 1);
    }

    private void committed(double t) {
        if (horizonReached) {
            done = true;
        }
    }

    private void reset(Timeline recordTo) {
        queue.clear();
        java.util.Arrays.fill(seconds, 0);
        failures = new long[causeCount];
        planned = 0;
        events = 0;
        stateGen = 0;
        persistGen = 0;
        workDone = 0;
        durableMark = 0;
        durableMarkTime = 0;
        inFlightMark = -1;
        queuedMark = -1;
        maintenancePending = false;
        maintenanceAfterCheckpoint = false;
        needSpares = 0;
        sparesAvailable = job.spareNodes();
        timeline = recordTo;
        horizonReached = false;
        done = false;
        atHorizon = null;
    }

    private double nextFailureDelay(int cause) {
        return causeDistribution[cause].sample(causeRng[cause], causeMean[cause], causeScale[cause], causeShape[cause]);
    }

    private void onFailure(double t, int cause) {
        failures[cause]++;
        queue.push(t + nextFailureDelay(cause), FAILURE, cause);
        State was = state;
        double elapsed = t - stateStart;
        leave(t);
        if (was == State.CHECKPOINTING) {
            // The interrupted checkpoint bought nothing.
            seconds[TimeCategory.CHECKPOINT.ordinal()] -= elapsed;
            seconds[TimeCategory.LOST.ordinal()] += elapsed;
        }
        loseUncommittedWork();
        if (causeNeedsSpare[cause]) {
            needSpares++;
            queue.push(t + job.repairSeconds(), REPAIR_DONE, 0);
        }
        maintenanceAfterCheckpoint = false;
        enter(State.DETECTING, t, job.detectionSeconds(), DETECTION_END);
    }

    private void loseUncommittedWork() {
        double lost = workDone - durableMark;
        workDone = durableMark;
        seconds[TimeCategory.LOST.ordinal()] += lost;
        persistGen++;
        inFlightMark = -1;
        queuedMark = -1;
        if (timeline != null && !horizonReached) {
            timeline.markLost(durableMarkTime);
        }
    }

    private void acquireSparesOrWait(double t) {
        if (sparesAvailable >= needSpares) {
            takeSpares(t);
        } else {
            enter(State.WAITING, t, Double.NaN, -1);
        }
    }

    private void takeSpares(double t) {
        sparesAvailable -= needSpares;
        needSpares = 0;
        enter(State.RESTARTING, t, job.restartSeconds(), RESTART_END);
    }

    private void startCheckpoint(double t) {
        leave(t);
        enter(State.CHECKPOINTING, t, job.checkpointStallSeconds(), CHECKPOINT_END);
    }

    private void onCheckpointEnd(double t) {
        leave(t);
        if (job.persistSeconds() == 0 || job.inMemoryRecovery()) {
            durableMark = workDone;
            durableMarkTime = t;
            committed(t);
        } else if (inFlightMark < 0) {
            inFlightMark = workDone;
            inFlightMarkTime = t;
            queue.push(t + job.persistSeconds(), PERSIST_END, persistGen);
        } else {
            // The persister is busy: the newest snapshot waits and replaces any older waiting one.
            queuedMark = workDone;
            queuedMarkTime = t;
        }
        if (maintenanceAfterCheckpoint) {
            maintenanceAfterCheckpoint = false;
            startMaintenance(t);
        } else {
            enterRunning(t);
        }
    }

    private void onPersistEnd(double t) {
        durableMark = inFlightMark;
        durableMarkTime = inFlightMarkTime;
        inFlightMark = -1;
        committed(t);
        if (queuedMark >= 0) {
            inFlightMark = queuedMark;
            inFlightMarkTime = queuedMarkTime;
            queuedMark = -1;
            queue.push(t + job.persistSeconds(), PERSIST_END, persistGen);
        }
    }

    private void onMaintenanceDue(double t) {
        queue.push(t + job.maintenanceIntervalSeconds(), MAINTENANCE_DUE, 0);
        if (state == State.WORKING) {
            startCheckpoint(t);
            maintenanceAfterCheckpoint = true;
        } else if (state == State.CHECKPOINTING) {
            maintenanceAfterCheckpoint = true;
        } else {
            maintenancePending = true;
        }
    }

    private void startMaintenance(double t) {
        maintenancePending = false;
        planned++;
        enter(State.MAINTENANCE, t, job.maintenanceSeconds(), MAINTENANCE_END);
    }

    private void enterRunning(double t) {
        if (maintenancePending) {
            startMaintenance(t);
        } else {
            enterWorking(t);
        }
    }

    private void enterWorking(double t) {
        enter(State.WORKING, t, job.intervalSeconds(), SEGMENT_END);
    }

    /** Enters {@code next}; schedules its end {@code duration} later unless duration is NaN. */
    private void enter(State next, double t, double duration, int endEvent) {
        state = next;
        stateStart = t;
        stateGen++;
        if (!Double.isNaN(duration)) {
            queue.push(t + duration, endEvent, stateGen);
        }
    }

    /** Books the time since the state began. */
    private void leave(double t) {
        double elapsed = t - stateStart;
        TimeCategory c = switch (state) {
            case WORKING -> TimeCategory.PRODUCTIVE_COMPUTE;
            case CHECKPOINTING -> TimeCategory.CHECKPOINT;
            case DETECTING -> TimeCategory.DETECTION;
            case WAITING -> TimeCategory.WAITING;
            case RESTARTING -> TimeCategory.RESTART;
            case MAINTENANCE -> TimeCategory.MAINTENANCE;
        };
        if (c == TimeCategory.PRODUCTIVE_COMPUTE) {
            workDone += elapsed;
        } else {
            seconds[c.ordinal()] += elapsed;
        }
        if (timeline != null && !horizonReached) {
            timeline.record(c, stateStart, t);
        }
        stateStart = t;
    }

    private Booked finish() {
        double steps = workDone;
        StepShares sh = job.stepShares();
        seconds[TimeCategory.PRODUCTIVE_COMPUTE.ordinal()] = steps * sh.compute();
        seconds[TimeCategory.RECOMPUTE.ordinal()] = steps * sh.recompute();
        seconds[TimeCategory.MEMORY_BOUND.ordinal()] = steps * sh.memoryBound();
        seconds[TimeCategory.EXPOSED_COMMUNICATION.ordinal()] = steps * sh.exposedCommunication();
        seconds[TimeCategory.ALL_TO_ALL.ordinal()] = steps * sh.allToAll();
        seconds[TimeCategory.PIPELINE_BUBBLE.ordinal()] = steps * sh.pipelineBubble();
        double sum = 0;
        for (double s : seconds) {
            sum += s;
        }
        double wall = job.horizonSeconds();
        if (Math.abs(sum - wall) > 1e-9 * wall + 1e-6) {
            throw new IllegalStateException("time not conserved: categories sum to " + sum + " s, wall time " + wall + " s");
        }
        for (double s : seconds) {
            if (s < -1e-6) {
                throw new IllegalStateException("negative time in a category: " + java.util.Arrays.toString(seconds));
            }
        }
        Booked b = new Booked();
        b.seconds = seconds.clone();
        b.failures = failures.clone();
        b.planned = planned;
        return b;
    }
}
