package org.scalelab.cluster.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The state intervals of one replication, for the timeline chart. Recording is optional and
 * allocates; Monte-Carlo replications run without it.
 */
public final class Timeline {
    /** One interval of wall time in one state (seconds from the start). */
    public record Interval(TimeCategory state, double startSeconds, double endSeconds) { }

    private final List<Interval> intervals = new ArrayList<>();

    void record(TimeCategory state, double start, double end) {
        if (end > start) {
            intervals.add(new Interval(state, start, end));
        }
    }

    /** Relabels the productive intervals after {@code sinceSeconds} as lost (a failure struck). */
    void markLost(double sinceSeconds) {
        for (int i = intervals.size() - 1; i >= 0; i--) {
            Interval iv = intervals.get(i);
            if (iv.endSeconds() <= sinceSeconds) {
                break;
            }
            if (iv.state() == TimeCategory.PRODUCTIVE_COMPUTE || iv.state() == TimeCategory.CHECKPOINT) {
                intervals.set(i, new Interval(TimeCategory.LOST, Math.max(iv.startSeconds(), sinceSeconds), iv.endSeconds()));
            }
        }
    }

    /** The intervals in time order. */
    public List<Interval> intervals() {
        return List.copyOf(intervals);
    }
}
