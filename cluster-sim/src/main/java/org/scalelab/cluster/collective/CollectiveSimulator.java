package org.scalelab.cluster.collective;

import java.util.Arrays;
import java.util.List;
import org.scalelab.cluster.internal.EventQueue;

/**
 * Plays collectives step by step over the links of a {@link Network} with the discrete-event
 * engine. Every GPU has an intra-node port; every node has {@code nicsPerNode} NICs shared by its
 * GPUs (a ring's node crossing is striped over {@link Network#rails()} of them, see
 * {@link Schedules}); every pod has one uplink of podGpus·β/o that traffic to other pods crosses (instead of
 * the NIC, a simplification). A transfer waits the hop latency α, then is served by its link,
 * which is shared fairly (processor sharing, max-min with each transfer capped at its sender's
 * NIC rate on a pod uplink) among the transfers on it at that moment, whichever collective they
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
        private double[] size = new double[64];
        private int[] owner = new int[64];
        private int[] linkOf = new int[64];
        private double[] cap = new double[64];
        private double[] rate = new double[64];
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
        private final int podBase;

        Run(Network net, List<Schedule> schedules, double[] factor) {
            this.net = net;
            this.steps = schedules.stream().map(Schedule::steps).toList();
            int podBase = net.ranks() + net.nodes() * net.nicsPerNode();
            int links = podBase + net.pods();
            this.podBase = podBase;
            linkBandwidth = new double[links];
            for (int pod = 0; pod < net.pods(); pod++) {
                linkBandwidth[podBase + pod] = net.podGpus() * net.interBytesPerSecond() / net.oversubscription();
            }
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
                int src = step.src()[i];
                boolean sameNode = net.nodeOf(src) == net.nodeOf(step.dst()[i]);
                boolean samePod = net.podOf(src) == net.podOf(step.dst()[i]);
                int nic = step.rail()[i] == Schedule.OWN_NIC ? nicOf(src)
                        : net.ranks() + net.nodeOf(src) * net.nicsPerNode() + step.rail()[i];
                linkOf[id] = sameNode ? src : samePod ? nic : podBase + net.podOf(src);
                cap[id] = sameNode || samePod ? Double.POSITIVE_INFINITY : linkBandwidth[nic];
                double alpha = sameNode ? net.intraLatencySeconds() : net.interLatencySeconds();
                queue.push(t + alpha, READY, id);
            }
        }

        private int newTransfer(int c, double bytes) {
            if (nextTransfer == remaining.length) {
                remaining = Arrays.copyOf(remaining, 2 * nextTransfer);
                size = Arrays.copyOf(size, 2 * nextTransfer);
                owner = Arrays.copyOf(owner, 2 * nextTransfer);
                linkOf = Arrays.copyOf(linkOf, 2 * nextTransfer);
                cap = Arrays.copyOf(cap, 2 * nextTransfer);
                rate = Arrays.copyOf(rate, 2 * nextTransfer);
            }
            remaining[nextTransfer] = bytes;
            size[nextTransfer] = bytes;
            owner[nextTransfer] = c;
            return nextTransfer++;
        }

        /** Serves the link's active transfers from its last update to {@code t}. */
        private void advance(int link, double t) {
            double dt = t - lastUpdate[link];
            for (int i = 0; i < activeCount[link]; i++) {
                int id = active[link][i];
                remaining[id] -= dt * rate[id];
            }
            lastUpdate[link] = t;
        }

        private void add(int link, int id) {
            if (activeCount[link] == active[link].length) {
                active[link] = Arrays.copyOf(active[link], 2 * activeCount[link]);
            }
            active[link][activeCount[link]++] = id;
        }

        /**
         * Max-min fair rates on a link: transfers capped below an equal share get their cap, the
         * rest split what is left equally (water-filling).
         */
        private void shareBandwidth(int link) {
            int k = activeCount[link];
            int[] a = active[link];
            double left = linkBandwidth[link];
            int unassigned = k;
            boolean[] done = new boolean[k];
            boolean changed = true;
            while (changed && unassigned > 0) {
                changed = false;
                double share = left / unassigned;
                for (int i = 0; i < k; i++) {
                    if (!done[i] && cap[a[i]] <= share) {
                        rate[a[i]] = cap[a[i]];
                        left -= cap[a[i]];
                        done[i] = true;
                        unassigned--;
                        changed = true;
                    }
                }
            }
            double share = unassigned > 0 ? left / unassigned : 0;
            for (int i = 0; i < k; i++) {
                if (!done[i]) {
                    rate[a[i]] = share;
                }
            }
        }

        private void completeFinished(int link, double t) {
            int[] a = active[link];
            // Transfers within rounding of zero remaining bytes finish now. The tolerance is relative:
            // to the transfer's size (1e-12 of it) and to the clock (a few ulps of t at the link's
            // rate), since at large t one ulp of time carries more bytes than any fixed tolerance.
            double slackSeconds = 1e-12 + 8 * Math.ulp(t);
            int kept = 0;
            for (int i = 0; i < activeCount[link]; i++) {
                int id = a[i];
                if (remaining[id] <= rate[id] * slackSeconds + 1e-12 * size[id] + 1e-6) {
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
            shareBandwidth(link);
            double soonest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                int id = active[link][i];
                soonest = Math.min(soonest, Math.max(0, remaining[id]) / rate[id]);
            }
            double when = t + soonest;
            queue.push(when, LINK_DONE, ((long) link << 32) | (version[link] & 0xffffffffL));
        }
    }
}
