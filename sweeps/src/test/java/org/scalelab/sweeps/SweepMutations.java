package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a {@code kind: sweep} file aimed at what only a sweep has: bad axis values
 * and shapes, broken ranges, key paths that are not keys of the base, zip groups of unequal lengths
 * or unknown axes, grids beyond the point bound, unknown or repeated metrics, replications past the
 * bound, a bad base, and bad {@code master}/{@code partitions} keys. Each says which key path a
 * rejection must name (the message's path starts with it, or encloses it).
 */
final class SweepMutations {
    /** One mutated file, what was done, and the key path a rejection names. */
    record Mutant(byte[] bytes, String what, String path) { }

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String NAN = "@@nan@@";
    private static final String INF = "@@inf@@";
    static final int KINDS = 12;

    private SweepMutations() {}

    /** The {@code index}-th mutation of {@code yaml} (a sweep file with at least one axis) for {@code seed}. */
    static Mutant of(String yaml, long seed, int index) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + index);
        try {
            ObjectNode root = (ObjectNode) YAML.readTree(yaml);
            ObjectNode axes = (ObjectNode) root.get("axes");
            List<String> paths = new ArrayList<>();
            axes.fieldNames().forEachRemaining(paths::add);
            String a = paths.get(rng.nextInt(paths.size()));
            String[] done = mutate(root, axes, paths, a, index % KINDS, rng);
            String out = YAML.writeValueAsString(root).replace("\"" + NAN + "\"", ".nan").replace(NAN, ".nan")
                    .replace("\"" + INF + "\"", ".inf").replace(INF, ".inf");
            return new Mutant(out.getBytes(StandardCharsets.UTF_8), done[0], done[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies mutation {@code kind} to the tree; returns {what, expected key path}. */
    private static String[] mutate(ObjectNode root, ObjectNode axes, List<String> paths, String a, int kind, SplittableRandom rng) {
        switch (kind) {
            case 0: {
                JsonNode bad = pick(rng, F.numberNode(-1), F.numberNode(0), F.numberNode(1e308), F.textNode("abc"), F.booleanNode(true),
                        F.numberNode(-8.5), F.numberNode(1e-300), F.numberNode(9.3e18), F.numberNode(2147483648L), F.textNode(NAN),
                        F.textNode(INF));
                axes.set(a, values(axes.get(a)).add(bad));
                return new String[] {"axis " + a + " gets the value " + bad, "axes." + a};
            }
            case 1: {
                JsonNode bad = pick(rng, F.arrayNode(), F.numberNode(5), F.textNode("abc"), F.objectNode(), F.nullNode(),
                        F.arrayNode().add(F.arrayNode().add(1).add(2)), F.arrayNode().add(F.objectNode().put("x", 1)),
                        F.arrayNode().add(F.nullNode()), F.booleanNode(false));
                axes.set(a, bad);
                return new String[] {"axis " + a + " = " + bad, "axes." + a};
            }
            case 2: {
                ObjectNode r = F.objectNode().put("from", 1).put("to", 8).put("steps", 4).put("scale", "log");
                String key = pick(rng, "from", "to", "steps", "scale", "extra");
                JsonNode bad = switch (key) {
                    case "steps" -> pick(rng, F.numberNode(0), F.numberNode(-1), F.numberNode(1.5), F.numberNode(2_000_000), F.textNode("abc"),
                            F.textNode(NAN), F.numberNode(9.3e18));
                    case "scale" -> pick(rng, F.textNode("cubic"), F.numberNode(1), F.textNode("LOG"), F.arrayNode());
                    case "extra" -> F.numberNode(2);
                    default -> pick(rng, F.textNode(NAN), F.textNode(INF), F.textNode("abc"), F.numberNode(-1), F.numberNode(0), F.nullNode(),
                            F.arrayNode());
                };
                if (key.equals("extra")) {
                    r.set("step", bad);
                } else if (rng.nextInt(6) == 0) {
                    r.remove(key);
                    bad = F.missingNode();
                } else {
                    r.set(key, bad);
                }
                axes.set(a, r);
                return new String[] {"axis " + a + " as a range with " + key + " = " + bad, "axes." + a};
            }
            case 3: {
                String bad = pick(rng, "no_such_key", a + "_x", a + ".deeper", "", ".", a + "..x", a + "[0]", "x".repeat(5000), " ",
                        "base." + a, "kind", "name", a.toUpperCase(java.util.Locale.ROOT));
                JsonNode v = axes.remove(a);
                axes.set(bad, v);
                return new String[] {"axis " + a + " renamed " + (bad.length() > 40 ? bad.substring(0, 40) + "..." : bad), "axes"};
            }
            case 4: {
                String b = second(axes, paths, a);
                JsonNode bad = switch (rng.nextInt(8)) {
                    case 0 -> {
                        ArrayNode longer = values(axes.get(a));
                        longer.add(longer.get(0));
                        axes.set(a, longer);
                        yield F.arrayNode().add(F.arrayNode().add(a).add(b));
                    }
                    case 1 -> F.arrayNode().add(F.arrayNode().add(a));
                    case 2 -> F.arrayNode().add(F.arrayNode().add(a).add("no.such.axis"));
                    case 3 -> F.arrayNode().add(F.arrayNode().add(a).add(b)).add(F.arrayNode().add(b).add(a));
                    case 4 -> F.textNode(a);
                    case 5 -> F.arrayNode().add(F.arrayNode().add(1).add(2));
                    case 6 -> F.arrayNode().add(F.arrayNode());
                    default -> F.arrayNode().add(a).add(b);
                };
                root.set("zip", bad);
                return new String[] {"zip = " + bad, "zip"};
            }
            case 5: {
                switch (rng.nextInt(4)) {
                    case 0 -> axes.set(a, F.objectNode().put("from", 1).put("to", 1_000_000).put("steps", Grid.MAX_POINTS + 1));
                    case 1 -> {
                        String b = second(axes, paths, a);
                        axes.set(a, F.objectNode().put("from", 1).put("to", 1000).put("steps", 1000));
                        axes.set(b, F.objectNode().put("from", 1).put("to", 1000).put("steps", 1000));
                    }
                    case 2 -> {
                        // short values keep the file under the parser's 1 MB limit
                        ArrayNode many = F.arrayNode();
                        for (int i = 0; i <= Grid.MAX_POINTS; i++) {
                            many.add(1);
                        }
                        axes.set(a, many);
                    }
                    default -> {
                        for (String p : paths) {
                            axes.set(p, F.objectNode().put("from", 1).put("to", 100).put("steps", 100));
                        }
                        axes.set("extra_axis", F.objectNode().put("from", 1).put("to", 1000).put("steps", 1000));
                    }
                }
                return new String[] {"a grid over " + Grid.MAX_POINTS + " points", "axes"};
            }
            case 6: {
                JsonNode metrics = root.get("metrics");
                String first = metrics != null && metrics.isArray() && metrics.size() > 0 ? metrics.get(0).asText() : "ettr";
                JsonNode bad = pick(rng, F.arrayNode().add("no_such_metric"), F.arrayNode().add(first).add(first), F.arrayNode().add(1),
                        F.arrayNode().add(""), F.textNode(first), F.arrayNode().add(F.nullNode()), F.objectNode(), F.arrayNode().add("x".repeat(5000)),
                        F.arrayNode().add(first.toUpperCase(java.util.Locale.ROOT)));
                root.set("metrics", bad);
                return new String[] {"metrics = " + shorten(bad), "metrics"};
            }
            case 7: {
                JsonNode bad = pick(rng, F.numberNode(0), F.numberNode(-1), F.numberNode(1_000_001), F.numberNode(2147483648L), F.numberNode(1.5),
                        F.textNode("abc"), F.numberNode(1_000_000), F.textNode(NAN), F.nullNode());
                root.set("replications", bad);
                return new String[] {"replications = " + bad, "replications"};
            }
            case 8: {
                ObjectNode base = (ObjectNode) root.get("base");
                switch (rng.nextInt(7)) {
                    case 0 -> base.set("kind", pick(rng, F.textNode("sweep"), F.textNode("nosuch"), F.numberNode(5), F.nullNode(), F.textNode("kernels")));
                    case 1 -> base.remove("kind");
                    case 2 -> root.set("base", pick(rng, F.numberNode(5), F.arrayNode(), F.textNode("cluster"), F.nullNode()));
                    case 3 -> root.remove("base");
                    case 4 -> base.put("no_such_key", 1);
                    default -> {
                        List<String> keys = new ArrayList<>();
                        base.fieldNames().forEachRemaining(keys::add);
                        keys.remove("kind");
                        String k = keys.get(rng.nextInt(keys.size()));
                        base.set(k, pick(rng, F.numberNode(-1), F.textNode("abc"), F.numberNode(1e308), F.objectNode(), F.textNode(NAN)));
                        return new String[] {"base." + k + " = " + shorten(base.get(k)), "base." + k};
                    }
                }
                return new String[] {"base changed: " + shorten(root.get("base")), "base"};
            }
            case 9: {
                String key = rng.nextBoolean() ? "master" : "partitions";
                JsonNode bad = key.equals("master")
                        ? pick(rng, F.textNode(""), F.textNode("local[0]"), F.textNode("local[-1]"), F.textNode("bogus"), F.numberNode(5),
                                F.textNode("local[100000]"), F.textNode("spark://"), F.textNode("x".repeat(5000)), F.textNode("mesos://h:5050"))
                        : pick(rng, F.numberNode(0), F.numberNode(-1), F.numberNode(2147483647), F.textNode("abc"), F.numberNode(1.5),
                                F.numberNode(100_001));
                root.set(key, bad);
                return new String[] {key + " = " + shorten(bad), key};
            }
            case 10: {
                JsonNode bad = pick(rng, F.objectNode(), F.arrayNode(), F.textNode("abc"), F.nullNode(), F.missingNode());
                if (bad.isMissingNode()) {
                    root.remove("axes");
                } else {
                    root.set("axes", bad);
                }
                return new String[] {"axes = " + bad, "axes"};
            }
            default: {
                String key = pick(rng, "axis", "zips", "metric", "replication", "bases");
                root.set(key, F.arrayNode());
                return new String[] {"unknown key " + key, key};
            }
        }
    }

    /** The axis as a list of its values (a range becomes its two ends). */
    private static ArrayNode values(JsonNode axis) {
        if (axis.isArray()) {
            return axis.deepCopy();
        }
        ArrayNode out = F.arrayNode();
        out.add(axis.path("from").isMissingNode() ? F.numberNode(1) : axis.get("from"));
        out.add(axis.path("to").isMissingNode() ? F.numberNode(2) : axis.get("to"));
        return out;
    }

    /** Another axis than {@code a}; one is added (a copy of {@code a}'s values on a path of the base) when there is none. */
    private static String second(ObjectNode axes, List<String> paths, String a) {
        for (String p : paths) {
            if (!p.equals(a)) {
                return p;
            }
        }
        axes.set(a + "_twin", values(axes.get(a)));
        return a + "_twin";
    }

    private static String shorten(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom rng, T... options) {
        return options[rng.nextInt(options.length)];
    }
}
