package org.scalelab.report.params;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Integer keys in parameter files accept exponent notation when the value is whole
 * ({@code params: 7.5e9}) and reject fractions ({@code gpus: 2.5}) instead of truncating them.
 */
final class StrictNumbers {
    private StrictNumbers() {}

    static SimpleModule module() {
        SimpleModule m = new SimpleModule("strict-numbers");
        JsonDeserializer<Long> longs = new JsonDeserializer<>() {
            @Override
            public Long deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return whole(p, ctx, Long.class, Long.MIN_VALUE, Long.MAX_VALUE);
            }
        };
        JsonDeserializer<Integer> ints = new JsonDeserializer<>() {
            @Override
            public Integer deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                return (int) whole(p, ctx, Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
        };
        m.addDeserializer(Long.class, longs).addDeserializer(Long.TYPE, longs);
        m.addDeserializer(Integer.class, ints).addDeserializer(Integer.TYPE, ints);
        return m;
    }

    private static long whole(JsonParser p, DeserializationContext ctx, Class<?> type, long min, long max) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            long v = p.getLongValue();
            if (v < min || v > max) {
                return (Long) ctx.handleWeirdNumberValue(type, p.getNumberValue(), "out of range");
            }
            return v;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (Double.isFinite(d) && d == Math.rint(d) && d >= min && d <= max && Math.abs(d) < 9.007199254740992E15) {
                return (long) d;
            }
            throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, "not an integer", p.getText(), type);
        }
        return ((Number) ctx.handleUnexpectedToken(type, p)).longValue();
    }
}
