package org.scalelab.cluster.collective;

import java.util.Arrays;
import java.util.List;
import org.scalelab.cluster.internal.EventQueue;

/**
 * Plays collectives step by step over the links of a {@link Network} with the discrete-event
 * engine. Every GPU has an intra-node port; every node has {@code nicsPerNode} NICs shared by its
 * GPUs. A transfer waits the hop latency α, then is served by its sender's link, which is shared
 * fairly (processor sharing) among the transfers on it at that moment, whichever collective they
 * belong to; a step ends when its last transfer arrives. On an idle uniform network this gives
 * exactly the α-β closed forms of {@link CollectiveCost}; shared NICs, concurrent collectives or a
 * slow link make it slower.
 */
public final class CollectiveSimulator {
    private static final int READY = 0;
    private static final int LINK_DONE = 1;

    private CollectiveSimulator() {}

    /** Result of a simulation: completion time of each collective (seconds) and events processed. */
    public record Result(double[] finishSeconds, long events) {
        /** The time when the last collective finished (seconds). */
        public double makespanSeconds() {
            return Arrays.stream(finishSeconds).max().orElse(0);
        }
    }

    /** Simulates one collective on an idle network. */
    public static double seconds(CollectiveOp op, CollectiveAlgorithm algorithm, Network net, double bytes) {
        return run(net, List.of(Schedules.build(op, algorithm, net, bytes)), null).makespanSeconds();
    }

    /**
     * Simulates {@code schedules} starting together on {@code net}.
     *
     * @param rankBandwidthFactor per rank, a multiplier of its links' bandwidth (0.25 = a link at a
     *     quarter speed; applied to the rank's NVLink port and to the NIC it uses); null for none
     */
    public static Result run(Network net, List<Schedule> schedules, double[] rankBandwidthFactor) {
        return new Run(net, schedules, rankBandwidthFactor).play();
    }

    private static final class Run {
        private final Network net;
        private final List<List<Schedule.Step>> steps;
        private final double[] linkBandwidth;
        private final EventQueue queue = new EventQueue(64);
        // Transfers in flight, indexed by a running id.
        private double[] remaining = new double[64];
        private int[] owner = new int[64];
        private int[] linkOf = new int[64];
        private int nextTransfer;
        // Per link: active transfer ids, time of last update, version for lazy cancellation.
        private final int[][] active;
        private final int[] activeCount;
        private final double[] lastUpdate;
        private final long[] version;
        // Per collective: current step and transfers still outstanding in it.
        private final int[] stepIndex;
        private final int[] outstanding;
        private final double[] finish;
        private long events;

        Run(Network net, List<Schedule> schedules, double[] factor) {
            this.net = net;
            this.steps = schedules.stream().map(Schedule::steps).toList();
            int links = net.ranks() + net.nodes() * net.nicsPerNode();
            linkBandwidth = new double[links];
            for (int r = 0; r < net.ranks(); r++) {
                double f = factor == null ? 1.0 : factor[r];
                linkBandwidth[r] = net.intraBytesPerSecond() * f;
                int nic = nicOf(r);
                linkBandwidth[nic] = linkBandwidth[nic] == 0 ? net.interBytesPerSecond() * f
                        : Math.min(linkBandwidth[nic], net.interBytesPerSecond() * f);
            }
            active = new int[links][4];
            activeCount = new int[links];
            lastUpdate = new double[links];
            version = new long[links];
            stepIndex = new int[schedules.size()];
            outstanding = new int[schedules.size()];
            finish = new double[schedules.size()];
        }

        private int nicOf(int rank) {
            int local = rank % net.localRanks();
            return net.ranks() + net.nodeOf(rank) * net.nicsPerNode() + local % net.nicsPerNode();
        }

        Result play() {
            for (int c = 0; c < steps.size(); c++) {
                startStep(c, 0.0);
            }
            while (!queue.isEmpty()) {
                queue.pop();
                events++;
                double t = queue.time();
                if (queue.type() == READY) {
                    int id = (int) queue.payload();
                    advance(linkOf[id], t);
                    add(linkOf[id], id);
                    reschedule(linkOf[id], t);
                } else {
                    int link = (int) (queue.payload() >>> 32);
                    if ((queue.payload() & 0xffffffffL) != (version[link] & 0xffffffffL)) {
                        continue;
                    }
                    advance(link, t);
                    completeFinished(link, t);
                    reschedule(link, t);
                }
            }
            return new Result(finish.clone(), events);
        }

        private void startStep(int c, double t) {
            List<Schedule.Step> list = steps.get(c);
            if (stepIndex[c] >= list.size()) {
                finish[c] = t;
                return;
            }
            Schedule.Step step = list.get(stepIndex[c]);
            outstanding[c] = step.size();
            for (int i = 0; i < step.size(); i++) {
                int id = newTransfer(c, step.bytes()[i]);
                boolean sameNode = net.nodeOf(step.src()[i]) == net.nodeOf(step.dst()[i]);
                linkOf[id] = sameNode ? step.src()[i] : nicOf(step.src()[i]);
                double alpha = sameNode ? net.intraLatencySeconds() : net.interLatencySeconds();
                queue.push(t + alpha, READY, id);
            }
        }

        private int newTransfer(int c, double bytes) {
            if (nextTransfer == remaining.length) {
                remaining = Arrays.copyOf(remaining, 2 * nextTransfer);
                owner = Arrays.copyOf(owner, 2 * nextTransfer);
                linkOf = Arrays.copyOf(linkOf, 2 * nextTransfer);
            }
            remaining[nextTransfer] = bytes;
            owner[nextTransfer] = c;
            return nextTransfer++;
        }

        /** Serves the link's active transfers from its last update to {@code t}. */
        private void advance(int link, double t) {
            int k = activeCount[link];
            if (k > 0) {
                double served = (t - lastUpdate[link]) * linkBandwidth[link] / k;
                for (int i = 0; i < k; i++) {
                    remaining[active[link][i]] -= served;
                }
            }
            lastUpdate[link] = t;
        }

        private void add(int link, int id) {
            if (activeCount[link] == active[link].length) {
                active[link] = Arrays.copyOf(active[link], 2 * activeCount[link]);
            }
            active[link][activeCount[link]++] = id;
        }

        private void completeFinished(int link, double t) {
            int[] a = active[link];
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < activeCount[link]; i++) {
                min = Math.min(min, remaining[a[i]]);
            }
            // Transfers within rounding of the smallest remainder finish together.
            double tolerance = Math.max(1e-9, Math.abs(min) * 1e-9) + Math.max(0, min);
            int kept = 0;
            for (int i = 0; i < activeCount[link]; i++) {
                int id = a[i];
                if (remaining[id] <= tolerance) {
                    int c = owner[id];
                    if (--outstanding[c] == 0) {
                        stepIndex[c]++;
                        startStep(c, t);
                    }
                } else {
                    a[kept++] = id;
                }
            }
            activeCount[link] = kept;
        }

        private void reschedule(int link, double t) {
            version[link]++;
            int k = activeCount[link];
            if (k == 0) {
                return;
            }
            double min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                min = Math.min(min, remaining[active[link][i]]);
            }
            double when = t + Math.max(0, min) * k / linkBandwidth[link];
            queue.push(when, LINK_DONE, ((long) link << 32) | (version[link] & 0xffffffffL));
        }
    }
}
