package org.scalelab.reports.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Compares JSON trees: same keys in the same order, same strings, numbers within a relative tolerance. */
final class JsonAssert {
    private JsonAssert() {}

    static void assertJsonEquals(JsonNode expected, JsonNode actual, double relTol, String path) {
        if (expected.isNumber()) {
            assertTrue(actual.isNumber(), path + ": expected a number, was " + actual);
            double e = expected.doubleValue(), a = actual.doubleValue();
            assertEquals(e, a, Math.abs(e) * relTol, path);
        } else if (expected.isObject()) {
            assertTrue(actual.isObject(), path + ": expected an object, was " + actual);
            List<String> ek = new ArrayList<>();
            expected.fieldNames().forEachRemaining(ek::add);
            List<String> ak = new ArrayList<>();
            actual.fieldNames().forEachRemaining(ak::add);
            assertEquals(ek, ak, path + ": keys");
            for (String k : ek) {
                assertJsonEquals(expected.get(k), actual.get(k), relTol, path + "." + k);
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path + ": length");
            for (int i = 0; i < expected.size(); i++) {
                assertJsonEquals(expected.get(i), actual.get(i), relTol, path + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, path);
        }
    }
}
