package org.scalelab.report.io;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON writer of ScaleLab: snake_case keys from record components
 * ({@code computeFlops} becomes {@code compute_flops}), fields in declaration order, NaN and
 * infinities written as {@code null}, enum constants in snake_case like the keys
 * ({@code MEMORY_BOUND} as {@code memory_bound}, as values and as map keys), two-space indentation.
 */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")))
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(Double.class, new NonFiniteAsNull())
                    .addSerializer(Double.TYPE, new NonFiniteAsNull())
                    .addSerializer(Enum.class, new SnakeCaseEnum(false))
                    .addKeySerializer(Enum.class, new SnakeCaseEnum(true)))
            .build();

    /** An enum constant as JSON writes it: its name in snake_case ({@code MEMORY_BOUND} as {@code memory_bound}). */
    public static String enumValue(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Serialises to indented JSON text (ends without a newline). */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName(), e);
        }
    }

    /** Writes an enum constant in snake_case, as a value or (with {@code asKey}) as a map key. */
    // Raw Enum: Jackson registers one serializer for every enum type, and Enum<?> is not a Class literal.
    @SuppressWarnings("rawtypes")
    private static final class SnakeCaseEnum extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Enum> {
        private static final long serialVersionUID = 1L;
        private final boolean asKey;

        SnakeCaseEnum(boolean asKey) {
            super(Enum.class);
            this.asKey = asKey;
        }

        @Override
        public void serialize(Enum value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider provider)
                throws java.io.IOException {
            if (asKey) {
                gen.writeFieldName(enumValue(value));
            } else {
                gen.writeString(enumValue(value));
            }
        }
    }

    private static final class NonFiniteAsNull extends com.fasterxml.jackson.databind.ser.std.StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        NonFiniteAsNull() { super(Double.class); }

        @Override
        public void serialize(Double value, JsonGenerator gen, com.fasterxml.jackson.databind.SerializerProvider provider)
                throws java.io.IOException {
            if (value == null || !Double.isFinite(value)) {
                gen.writeNull();
            } else {
                gen.writeNumber(value);
            }
        }
    }
}
