package org.scalelab.cluster.internal;

import java.util.Arrays;

/**
 * The future-event list of the discrete-event engine: a binary min-heap on (time, sequence) held
 * in parallel primitive arrays, so that scheduling and popping an event allocate nothing. Ties in
 * time are broken by the order of scheduling (the sequence number), which makes every run
 * deterministic. An event is a (time in seconds, type, payload) triple; cancelled events are
 * handled by the caller with a generation number in the payload (lazy deletion), which keeps the
 * heap free of search and removal.
 */
public final class EventQueue {
    private double[] time;
    private long[] seq;
    private int[] type;
    private long[] payload;
    private int size;
    private long nextSeq;

    private double poppedTime;
    private int poppedType;
    private long poppedPayload;

    /** An empty queue with room for {@code capacity} events (it grows when needed). */
    public EventQueue(int capacity) {
        int c = Math.max(4, capacity);
        time = new double[c];
        seq = new long[c];
        type = new int[c];
        payload = new long[c];
    }

    /** Removes every event and restarts the sequence, keeping the arrays. */
    public void clear() {
        size = 0;
        nextSeq = 0;
    }

    /** Number of pending events. */
    public int size() {
        return size;
    }

    /** Whether no event is pending. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Schedules an event at {@code t} seconds. */
    public void push(double t, int eventType, long eventPayload) {
        if (size == time.length) {
            grow();
        }
        long s = nextSeq++;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(t, s, time[parent], seq[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        time[i] = t;
        seq[i] = s;
        type[i] = eventType;
        payload[i] = eventPayload;
    }

    /**
     * Removes the earliest event; read it with {@link #time()}, {@link #type()} and
     * {@link #payload()}.
     *
     * @throws IllegalStateException when the queue is empty
     */
    public void pop() {
        if (size == 0) {
            throw new IllegalStateException("event queue is empty");
        }
        poppedTime = time[0];
        poppedType = type[0];
        poppedPayload = payload[0];
        int last = --size;
        if (last > 0) {
            siftDownFromRoot(time[last], seq[last], type[last], payload[last], last);
        }
    }

    /** Time of the earliest pending event (seconds). */
    public double peekTime() {
        return time[0];
    }

    /** Time of the last popped event (seconds). */
    public double time() {
        return poppedTime;
    }

    /** Type of the last popped event. */
    public int type() {
        return poppedType;
    }

    /** Payload of the last popped event. */
    public long payload() {
        return poppedPayload;
    }

    private void siftDownFromRoot(double t, long s, int ty, long p, int n) {
        int i = 0;
        int half = n >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < n && before(time[right], seq[right], time[child], seq[child])) {
                child = right;
            }
            if (!before(time[child], seq[child], t, s)) {
                break;
            }
            move(child, i);
            i = child;
        }
        time[i] = t;
        seq[i] = s;
        type[i] = ty;
        payload[i] = p;
    }

    private static boolean before(double t1, long s1, double t2, long s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void move(int from, int to) {
        time[to] = time[from];
        seq[to] = seq[from];
        type[to] = type[from];
        payload[to] = payload[from];
    }

    private void grow() {
        int c = time.length * 2;
        time = Arrays.copyOf(time, c);
        seq = Arrays.copyOf(seq, c);
        type = Arrays.copyOf(type, c);
        payload = Arrays.copyOf(payload, c);
    }
}
