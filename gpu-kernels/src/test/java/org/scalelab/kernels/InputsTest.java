package org.scalelab.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InputsTest {
    @Test
    void uniformInMinusOneToOneAndDeterministic() {
        Inputs x = Inputs.random(200, 42);
        double sum = 0;
        for (float v : x.a()) {
            assertTrue(v >= -1f && v < 1f, "value " + v);
            sum += v;
        }
        // mean of 40000 U(-1,1) draws: standard error 0.0029, allow 5 sigma
        assertEquals(0, sum / x.a().length, 0.015);
        assertArrayEquals(x.a(), Inputs.random(200, 42).a());
        assertArrayEquals(x.b(), Inputs.random(200, 42).b());
        assertFalse(Arrays.equals(x.a(), x.b()));
        assertFalse(Arrays.equals(x.a(), Inputs.random(200, 43).a()));
    }
}
