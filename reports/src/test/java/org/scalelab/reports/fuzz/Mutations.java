package org.scalelab.reports.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded mutations of a parameter file, as a hostile user would make them: keys deleted and
 * renamed, values replaced by negative, zero, NaN, infinite, huge, non-numeric, empty and very long
 * ones, lists duplicated, and text-level tricks (syntax errors, byte-order marks, bytes that are not
 * UTF-8, truncation, YAML tags and aliases). Each mutation says which key path it touched.
 */
final class Mutations {
    /** One mutated file: its bytes, what was done, and the key path touched ("" for text-level ones). */
    record Mutant(byte[] bytes, String what, String path) { }

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());
    private static final String NAN = "@@nan@@";
    private static final String INF = "@@inf@@";
    private static final String NEG_INF = "@@-inf@@";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Mutations() {}

    /** The {@code index}-th mutation of {@code yaml} for {@code seed}. */
    static Mutant of(String yaml, long seed, int index) {
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + index);
        try {
            if (rng.nextInt(5) == 0) {
                return text(yaml, rng);
            }
            JsonNode root = YAML.readTree(yaml);
            List<String[]> paths = new ArrayList<>();
            collect(root, "", paths);
            paths.removeIf(p -> p[0].equals("kind"));
            if (paths.isEmpty()) {
                return text(yaml, rng);
            }
            String[] target = paths.get(rng.nextInt(paths.size()));
            String what;
            try {
                what = tree((ObjectNode) root, target[0], rng);
            } catch (RuntimeException e) {
                // a key with a dot or bracket in it cannot be addressed by path: mutate the text instead
                return text(yaml, rng);
            }
            String out = YAML.writeValueAsString(root)
                    .replace("\"" + NAN + "\"", ".nan").replace(NAN, ".nan")
                    .replace("\"" + INF + "\"", ".inf").replace(INF, ".inf")
                    .replace("\"" + NEG_INF + "\"", "-.inf").replace(NEG_INF, "-.inf");
            return new Mutant(out.getBytes(StandardCharsets.UTF_8), what, target[0]);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every key path of the tree (a.b, a.list[2]); [0] is the path. */
    private static void collect(JsonNode node, String prefix, List<String[]> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(new String[] {p});
                collect(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String p = prefix + "[" + i + "]";
                out.add(new String[] {p});
                collect(node.get(i), p, out);
            }
        }
    }

    private static String tree(ObjectNode root, String path, SplittableRandom rng) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        String parentPath = cut < 0 ? "" : path.substring(0, cut);
        JsonNode parent = parentPath.isEmpty() ? root : at(root, parentPath);
        boolean inList = path.endsWith("]");
        String key = inList ? null : path.substring(cut + 1);
        int index = inList ? Integer.parseInt(path.substring(path.lastIndexOf('[') + 1, path.length() - 1)) : -1;
        JsonNode old = inList ? parent.get(index) : parent.get(key);
        int kind = rng.nextInt(16);
        JsonNode value = switch (kind) {
            case 0 -> F.numberNode(-1);
            case 1 -> F.numberNode(0);
            case 2 -> F.textNode(NAN);
            case 3 -> F.textNode(rng.nextBoolean() ? INF : NEG_INF);
            case 4 -> F.numberNode(new double[] {1e308, 2147483647.0, 9.3e18, 1e18, 4294967296.0}[rng.nextInt(5)]);
            case 5 -> F.textNode("abc");
            case 6 -> F.arrayNode();
            case 7 -> F.objectNode();
            case 8 -> F.nullNode();
            case 9 -> F.textNode("x".repeat(100_000));
            case 10 -> F.numberNode(-8.5);
            case 11 -> F.numberNode(1e-300);
            case 12 -> old.isArray() && old.size() > 0 ? old.get(0) : F.arrayNode().add(old);
            case 13 -> F.booleanNode(true);
            default -> null;
        };
        if (kind == 14) {
            if (inList) {
                ((ArrayNode) parent).remove(index);
            } else {
                ((ObjectNode) parent).remove(key);
            }
            return "delete " + path;
        }
        if (kind == 15) {
            if (inList) {
                ((ArrayNode) parent).add(old);
                return "duplicate " + path;
            }
            ((ObjectNode) parent).remove(key);
            ((ObjectNode) parent).set(key + (rng.nextBoolean() ? "_x" : "s"), old);
            return "rename " + path;
        }
        if (inList) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set(key, value);
        }
        String shown = value.toString();
        return "set " + path + " = " + (shown.length() > 40 ? shown.substring(0, 40) + "..." : shown);
    }

    private static JsonNode at(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.|(?=\\[)")) {
            if (part.startsWith("[")) {
                n = n.get(Integer.parseInt(part.substring(1, part.length() - 1)));
            } else {
                n = n.get(part);
            }
        }
        return n;
    }

    private static Mutant text(String yaml, SplittableRandom rng) {
        String[] lines = yaml.split("\n", -1);
        int line = rng.nextInt(lines.length);
        byte[] utf8 = yaml.getBytes(StandardCharsets.UTF_8);
        switch (rng.nextInt(9)) {
            case 0: {
                byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                byte[] out = new byte[utf8.length + 3];
                System.arraycopy(bom, 0, out, 0, 3);
                System.arraycopy(utf8, 0, out, 3, utf8.length);
                return new Mutant(out, "byte-order mark", "");
            }
            case 1:
                lines[line] = lines[line] + " [unclosed";
                return new Mutant(join(lines), "unclosed bracket on line " + (line + 1), "");
            case 2:
                lines[line] = "\t" + lines[line];
                return new Mutant(join(lines), "tab on line " + (line + 1), "");
            case 3: {
                byte[] out = java.util.Arrays.copyOf(utf8, utf8.length + 1);
                int at = rng.nextInt(utf8.length + 1);
                System.arraycopy(utf8, at, out, at + 1, utf8.length - at);
                out[at] = (byte) 0xFF;
                return new Mutant(out, "byte 0xFF at " + at, "");
            }
            case 4:
                return new Mutant(java.util.Arrays.copyOf(utf8, rng.nextInt(utf8.length + 1)), "truncated", "");
            case 5:
                lines[line] = lines[line].replaceFirst(":\\s+(\\S)", ": !!python/object:os.system $1");
                return new Mutant(join(lines), "tag on line " + (line + 1), "");
            case 6:
                return new Mutant(("a: &a [1, 2]\n" + yaml + "\nb: *a\n").getBytes(StandardCharsets.UTF_8), "anchor and alias", "");
            case 7:
                return new Mutant((yaml + "\n" + lines[Math.max(0, line)] + "\n").getBytes(StandardCharsets.UTF_8),
                        "duplicated line " + (line + 1), "");
            default:
                return new Mutant(("kind: " + "k".repeat(100_000) + "\n").getBytes(StandardCharsets.UTF_8), "huge kind", "kind");
        }
    }

    private static byte[] join(String[] lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}
