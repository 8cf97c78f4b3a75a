package org.scalelab.report.params;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/**
 * A command's options written as the parameter file {@link ParameterFiles#read} reads back: the
 * header every kind shares ({@code kind}, {@code name}, optional {@code seed}), then the given
 * (non-null) properties of a parameter record as snake_case keys, at the top level or under one
 * block; nested records (blocks) keep their non-null keys too. Commands that run their options through the same path as {@code scalelab run} write
 * their file here, so the page echoes what a user could have written.
 */
public final class OptionsFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private OptionsFile() {}

    /**
     * The file's text: a {@code #} comment line, the header, then {@code keys}' non-null properties.
     *
     * @param comment what wrote the file (one line, without the {@code #})
     * @param kind    the file's kind
     * @param name    its name
     * @param seed    its master seed, or null for none
     * @param block   the block the keys go under (e.g. {@code collective}), or null for the top level
     * @param keys    the parameter record
     * @throws JsonProcessingException if the record cannot be serialised
     */
    public static String yaml(String comment, String kind, String name, Long seed, String block, Object keys)
            throws JsonProcessingException {
        ObjectNode root = YAML.createObjectNode();
        root.put("kind", kind);
        root.put("name", name);
        if (seed != null) {
            root.put("seed", seed);
        }
        ObjectNode target = block == null ? root : root.putObject(block);
        ObjectNode given = YAML.valueToTree(keys);
        given.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) {
                target.set(e.getKey(), e.getValue());
            }
        });
        return "# " + comment + "\n" + YAML.writeValueAsString(root);
    }
}
