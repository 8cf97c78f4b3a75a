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

    /**
     * The integers read from exponent notation or past their type's range during one bind on this
     * thread, by key path, with the type's rule ({@link WholeNumbers#rule}) when they were past that
     * range (saturated), else null. Their rejections echo the file's text ({@code 1e400},
     * {@code 99999999999}), not the number as bound; a saturated value the record accepted is
     * rejected with that rule.
     */
    static final ThreadLocal<java.util.Map<String, String>> EXPONENT = ThreadLocal.withInitial(java.util.HashMap::new);

    private static String path(JsonParser p) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (var c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            sb.append(part.startsWith("[") || sb.length() == 0 ? "" : ".").append(part);
        }
        return sb.toString();
    }

    private static long whole(JsonParser p, DeserializationContext ctx, Class<?> type, long min, long max) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                long v = p.getLongValue();
                if (v >= min && v <= max) {
                    return v;
                }
            }
            // past the type's range (99999999999 for an int): saturates, as exponent notation below
            double d = p.getBigIntegerValue().doubleValue();
            EXPONENT.get().put(path(p), WholeNumbers.rule(min, max));
            return WholeNumbers.saturate(d, min, max);
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            if (d == Math.rint(d) || Double.isInfinite(d)) {
                // exponent notation: a whole number beyond the type's range (1e400 reads as infinity)
                // saturates, so that the record's own bound rejects it and the message states that bound
                EXPONENT.get().put(path(p), WholeNumbers.beyond(d, min, max) ? WholeNumbers.rule(min, max) : null);
                return WholeNumbers.saturate(d, min, max);
            }
            throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(p, "not an integer", p.getText(), type);
        }
        return ((Number) ctx.handleUnexpectedToken(type, p)).longValue();
    }
}
