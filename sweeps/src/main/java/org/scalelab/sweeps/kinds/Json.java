package org.scalelab.sweeps.kinds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reads a point's body back from the JSON it travelled as. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static ObjectNode object(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new IllegalStateException("a sweep point is not the JSON the driver wrote", e);
        }
    }
}
