package org.scalelab.cluster.collective;

import java.util.ArrayList;
import java.util.List;

/**
 * A collective written out as synchronous steps of point-to-point transfers, which the
 * {@link CollectiveSimulator} plays over the links. Built by {@link Schedules}.
 */
public final class Schedule {
    /**
     * One step: transfers that start together; the next step starts when all have arrived. A
     * transfer between nodes leaves through NIC {@code rail[i]} of its sender's node, or through
     * the sender's own NIC when that is {@link #OWN_NIC}.
     */
    public record Step(int[] src, int[] dst, double[] bytes, int[] rail) {
        /** Number of transfers in the step. */
        public int size() {
            return src.length;
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final List<Integer> src = new ArrayList<>();
    private final List<Integer> dst = new ArrayList<>();
    private final List<Double> bytes = new ArrayList<>();
    private final List<Integer> rail = new ArrayList<>();

    /** The rail of a transfer that leaves through its sender's own NIC. */
    public static final int OWN_NIC = -1;

    /** Adds a transfer to the step being built. */
    void send(int from, int to, double size) {
        send(from, to, size, OWN_NIC);
    }

    /** Adds a transfer that crosses nodes through NIC {@code nic} of the sender's node. */
    void send(int from, int to, double size, int nic) {
        src.add(from);
        dst.add(to);
        bytes.add(size);
        rail.add(nic);
    }

    /** Closes the step being built (an empty step is dropped). */
    void endStep() {
        if (!src.isEmpty()) {
            steps.add(new Step(src.stream().mapToInt(Integer::intValue).toArray(),
                    dst.stream().mapToInt(Integer::intValue).toArray(),
                    bytes.stream().mapToDouble(Double::doubleValue).toArray(),
                    rail.stream().mapToInt(Integer::intValue).toArray()));
        }
        src.clear();
        dst.clear();
        bytes.clear();
        rail.clear();
    }

    /** The steps in order. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Total number of point-to-point transfers. */
    public int transfers() {
        return steps.stream().mapToInt(Step::size).sum();
    }
}
