package org.scalelab.reports.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.reports.cli.BadInputException;

/**
 * Reads a {@code kind: cluster} file for {@code cluster simulate FILE}, with the same strict rules
 * as the report parser (snake_case keys, unknown keys rejected). A stop-gap inside this package
 * until the shared parser is available to subcommands.
 */
final class ClusterFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** A parsed file: the parameters and the seed it names (or null). */
    record Parsed(ClusterParameters parameters, Long seed) { }

    private ClusterFiles() {}

    static Parsed read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(file + ": not a mapping of keys");
        }
        ObjectNode o = (ObjectNode) root;
        JsonNode kind = o.remove("kind");
        if (kind != null && !"cluster".equals(kind.asText())) {
            throw new InvalidParameterException("kind", "must be cluster for cluster simulate", kind.asText());
        }
        o.remove("name");
        JsonNode seed = o.remove("seed");
        try {
            return new Parsed(YAML.treeToValue(o, ClusterParameters.class), seed == null ? null : seed.asLong());
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Throwable cause = e.getCause();
            if (cause instanceof InvalidParameterException ipe) {
                throw path.isEmpty() ? ipe : ipe.under(parentPath(e));
            }
            throw new BadInputException(file + ": " + path + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage(), e);
        }
    }

    /** The path of the record whose constructor failed (the last reference is the record itself). */
    private static String parentPath(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
