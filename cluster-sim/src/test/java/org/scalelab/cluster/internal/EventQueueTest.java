package org.scalelab.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EventQueueTest {
    @Test
    void popsInTimeOrderAndBreaksTiesByScheduleOrder() {
        EventQueue q = new EventQueue(2);
        q.push(3.0, 1, 30);
        q.push(1.0, 2, 10);
        q.push(3.0, 3, 31);
        q.push(2.0, 4, 20);
        q.push(1.0, 5, 11);
        long[] expected = {10, 11, 20, 30, 31};
        for (long e : expected) {
            q.pop();
            assertEquals(e, q.payload());
        }
        assertThrows(IllegalStateException.class, q::pop);
    }

    @Test
    void matchesASortOfRandomTimes() {
        EventQueue q = new EventQueue(4);
        SplittableRandom rng = new SplittableRandom(1);
        double[] times = new double[5000];
        for (int i = 0; i < times.length; i++) {
            times[i] = Math.floor(rng.nextDouble() * 100); // many ties
            q.push(times[i], 0, i);
        }
        double lastTime = -1;
        long lastPayload = -1;
        for (int i = 0; i < times.length; i++) {
            q.pop();
            boolean ordered = q.time() > lastTime || (q.time() == lastTime && q.payload() > lastPayload);
            assertEquals(true, ordered, "event " + i);
            assertEquals(times[(int) q.payload()], q.time());
            lastTime = q.time();
            lastPayload = q.payload();
        }
    }
}
