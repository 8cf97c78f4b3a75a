package org.scalelab.report.params;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.common.Seeds;

/**
 * Reads parameter files strictly. YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}),
 * chosen by extension. Every file has {@code kind:} and optional {@code name:} and {@code seed:};
 * the rest binds onto the kind's parameter record. Unknown keys, wrong types, missing required
 * fields, negative sizes and NaN are rejected as
 * {@code bad.yaml:7 cluster.network.inter_node_gbit_per_s: must be > 0, was -5}.
 */
public final class ParameterFiles {
    private ParameterFiles() {}

    /** The binding mapper: snake_case keys, nothing coerced silently, integers must be integral. */
    static final ObjectMapper BINDER = configure(JsonMapper.builder(new JsonFactory())).build();

    private static JsonMapper.Builder configure(JsonMapper.Builder b) {
        JsonMapper.Builder builder = b
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(StrictNumbers.module());
        // A whole number where a name is expected ("approach: 3") is read as its text; fractions
        // and booleans are not, since they are far more likely a value put under the wrong key.
        return builder.withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
    }

    /**
     * Reads, binds and validates one file of one of {@code kinds}; every failure is a
     * {@link InvalidParameterException}.
     */
    public static ParameterFile read(Path file, Kinds kinds) {
        String where = file.toString();
        String text = readText(file, where);
        JsonFactory factory = factoryFor(file);
        KeyLines lines;
        JsonNode tree;
        try (JsonParser scan = factory.createParser(text); JsonParser read = factory.createParser(text)) {
            lines = KeyLines.scan(scan);
            tree = BINDER.readTree(read);
        } catch (JsonParseException e) {
            String path = e.getProcessor() != null ? pointerToPath(e.getProcessor().getParsingContext().pathAsPointer().toString()) : "";
            String msg = e.getOriginalMessage();
            int line = e.getLocation().getLineNr();
            if (!path.isEmpty() && msg.toLowerCase(Locale.ROOT).matches("(?s).*(nan|infinity|malformed numeric).*")) {
                throw new InvalidParameterException(where + ":" + line + " " + path + ": must be a finite number, was " + msg.replaceAll("(?s)^[^']*'([^']*)'.*$", "$1"), e);
            }
            throw syntaxError(where, e.getLocation(), path, msg, e);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            java.util.regex.Matcher dup = java.util.regex.Pattern.compile("^Duplicate field '([^']*)'").matcher(msg);
            if (dup.find()) {
                int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
                throw new InvalidParameterException(where + ":" + line + " " + dup.group(1) + ": duplicate key, was given twice", e);
            }
            throw syntaxError(where, e.getLocation(), "", msg, e);
        } catch (IOException e) {
            throw new InvalidParameterException(where + ": " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidParameterException(where + ":1 (root): must be a mapping with a kind: key, was " + (tree == null ? "empty" : tree.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        ObjectNode body = ((ObjectNode) tree).deepCopy();
        String kind = header(where, lines, body, "kind", kinds.names());
        String name = header(where, lines, body, "name", null);
        String seedText = header(where, lines, body, "seed", null);
        Long seed = seedText == null ? null : parseSeed(where, lines, seedText);
        Class<?> type;
        try {
            type = kinds.parameterType(kind);
        } catch (InvalidParameterException e) {
            throw located(where, lines, e);
        }
        Object parameters = bind(where, lines, text, body, type);
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new ParameterFile(file, kind, name != null ? name : stem, seed, parameters, text, lines);
    }

    /**
     * A syntax error as {@code file:line:column key.path: YAML syntax error: what the parser
     * expected}, naming the last key read before it ({@code (root)} when none), on one line.
     */
    private static InvalidParameterException syntaxError(String where, com.fasterxml.jackson.core.JsonLocation at,
            String path, String message, Exception cause) {
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 0 : at.getColumnNr();
        org.yaml.snakeyaml.error.Mark mark = problemMark(cause);
        if (mark != null && mark.getLine() + 1 != line) {
            // The parser's location is its last token (the key before the error): SnakeYAML's problem
            // mark is where the offending character is, on a line that key does not own: name no key.
            line = mark.getLine() + 1;
            column = mark.getColumn() + 1;
            path = "";
        }
        // SnakeYAML's message is several lines: context, a source excerpt with a caret, then the
        // problem; keep the problem ("expected ..., but found ...") and drop the excerpt.
        String problem = message == null ? "" : message.lines()
                .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith(" in "))
                .reduce((a, b) -> b).orElse(message)
                .replaceAll("\\s*at \\[Source.*$", "")
                // Jackson names the Java type it was binding to: no use to a user
                .replaceAll("\\s*\\(bound as `[^`]*`\\)", "");
        if (problem.startsWith("special characters are not allowed") || problem.contains("Unexpected character")) {
            problem = "a character that is not allowed here";
        }
        return new InvalidParameterException(where + ":" + line + (column > 0 ? ":" + column : "") + " "
                + (path.isEmpty() ? "(root)" : path) + ": " + "syntax error: "
                + InvalidParameterException.oneLine(problem, 120), cause);
    }

    /** SnakeYAML's position of the problem, when the failure carries one. */
    private static org.yaml.snakeyaml.error.Mark problemMark(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblemMark() != null) {
                return m.getProblemMark();
            }
        }
        return null;
    }

    /** Longest parameter file read: 1 MB, far beyond any real one (the examples are under 4 KB). */
    public static final long MAX_FILE_BYTES = 1 << 20;

    /**
     * The file as UTF-8 text without a byte-order mark. A byte that is not UTF-8 is rejected with
     * its line; the file's content is never echoed.
     */
    static String readText(Path file, String where) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidParameterException(where + ": is a folder, not a parameter file");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidParameterException(where + ": is larger than " + MAX_FILE_BYTES + " bytes; not a parameter file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidParameterException(where + ": no such file");
        } catch (IOException e) {
            throw new InvalidParameterException(where + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(in).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int at = Math.min(in.position(), bytes.length - 1);
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new InvalidParameterException(where + ":" + line + " (file): must be UTF-8 text, was the byte 0x"
                    + String.format(Locale.ROOT, "%02X", bytes[at] & 0xff) + " at offset " + at);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Reads a file that must be of {@code kind} and returns its typed parameters: for readers of
     * one kind (a planner, a sweep) that need no sections.
     */
    public static <P> P read(Path file, String kind, Class<P> type) {
        return type.cast(read(file, Kinds.of(java.util.Map.of(kind, type))).parameters());
    }

    /**
     * Turns an error found while running a file into a located one, echoing the number as the file
     * writes it ({@code 1e9}, not {@code 1000000000}).
     */
    public static InvalidParameterException located(ParameterFile file, InvalidParameterException e) {
        InvalidParameterException shown = e;
        if (!e.field().isEmpty() && file.text() != null) {
            String raw = rawValue(file.text(), file.lines().lineOf(e.field()), e.field());
            if (raw != null && !raw.equals(e.value()) && sameNumber(raw, e.value())) {
                shown = new InvalidParameterException(e.field(), e.rule(), raw, e.hint());
            }
        }
        return located(file.path().toString(), file.lines(), shown);
    }

    private static InvalidParameterException located(String where, KeyLines lines, InvalidParameterException e) {
        if (e.field().isEmpty()) {
            return new InvalidParameterException(where + ": " + e.getMessage(), e);
        }
        return new InvalidParameterException(where + ":" + lines.lineOf(e.field()) + " " + e.getMessage(), e);
    }

    private static JsonFactory factoryFor(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            return YAMLFactory.builder().build();
        }
        if (n.endsWith(".json")) {
            return JsonFactory.builder().build();
        }
        throw new InvalidParameterException(file + ": unknown file type; use .yaml, .yml or .json");
    }

    /** Removes a header key; {@code requiredOneOf} lists the valid values of a required key (null: optional). */
    private static String header(String where, KeyLines lines, ObjectNode body, String key, java.util.List<String> requiredOneOf) {
        JsonNode v = body.remove(key);
        if (v != null && v.isNull()) {
            String remedy = switch (key) {
                case "kind" -> "give one of " + String.join(", ", requiredOneOf);
                case "name" -> "remove the key to use the default, the file's name";
                default -> "remove the key to use the default seed " + Seeds.DEFAULT;
            };
            throw new InvalidParameterException(where + ":" + lines.lineOf(key) + " " + key + ": null is not allowed; " + remedy + ", was null");
        }
        if (v == null) {
            if (requiredOneOf != null) {
                throw new InvalidParameterException(where + ":1 " + key + ": is required (one of " + String.join(", ", requiredOneOf) + "), was missing");
            }
            return null;
        }
        if (key.equals("seed") ? !v.canConvertToExactIntegral() : !v.isTextual()) {
            throw new InvalidParameterException(where + ":" + lines.lineOf(key) + " " + key + ": must be " + (key.equals("seed") ? "an integer" : "a string") + ", was " + v);
        }
        return v.asText();
    }

    private static long parseSeed(String where, KeyLines lines, String text) {
        try {
            long s = Long.parseLong(text);
            if (s < 0) {
                throw new NumberFormatException();
            }
            return s;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(where + ":" + lines.lineOf("seed") + " seed: must be an integer >= 0, was " + text);
        }
    }

    /**
     * Binds an in-memory body (a file's keys without {@code kind}, {@code name}, {@code seed}) onto
     * {@code type} with the same strict rules as a file: for callers that build bodies, such as a
     * sweep's points.
     *
     * @throws InvalidParameterException whose {@link InvalidParameterException#field()} is the key
     *     path at fault (unknown key, wrong type, or the record's own rule)
     */
    public static <P> P bind(ObjectNode body, Class<P> type) {
        String nul = NullValues.first(body, "");
        if (nul != null) {
            throw NullValues.rejection(body, nul, type);
        }
        String[] unknown = UnknownKeys.find(body, type, "");
        if (unknown != null) {
            throw new InvalidParameterException(unknown[0], unknownKey(unknown[0], unknown[1]), valueAt(body, unknown[0]));
        }
        StrictNumbers.EXPONENT.get().clear();
        try {
            P bound = BINDER.treeToValue(body, type);
            for (var e : StrictNumbers.EXPONENT.get().entrySet()) {
                if (e.getValue() != null) {
                    throw new InvalidParameterException(e.getKey(), e.getValue(), valueAt(body, e.getKey()));
                }
            }
            return bound;
        } catch (UnrecognizedPropertyException e) {
            String path = KeyLines.render(e.getPath());
            String allowed = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InvalidParameterException(path, unknownKey(path, allowed), valueAt(body, path));
        } catch (ValueInstantiationException e) {
            String path = KeyLines.render(e.getPath());
            if (e.getCause() instanceof InvalidParameterException ipe) {
                throw path.isEmpty() ? ipe : ipe.under(path);
            }
            throw new InvalidParameterException(path.isEmpty() ? "(root)" : path,
                    e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage(), valueAt(body, path));
        } catch (InvalidFormatException e) {
            throw new InvalidParameterException(KeyLines.render(e.getPath()), "must be " + describe(e.getTargetType()), e.getValue());
        } catch (MismatchedInputException e) {
            String path = KeyLines.render(e.getPath());
            throw new InvalidParameterException(path.isEmpty() ? "(root)" : path, "must be " + describe(e.getTargetType()), valueAt(body, path));
        } catch (JsonMappingException e) {
            String path = KeyLines.render(e.getPath());
            throw new InvalidParameterException(path, e.getOriginalMessage(), valueAt(body, path));
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException(e.getOriginalMessage(), e);
        } finally {
            StrictNumbers.EXPONENT.remove();
        }
    }

    /**
     * The rule for an unknown key at {@code path}: "unknown key; did you mean zero? (allowed: ...)",
     * the suggestion from the allowed keys at that level when one is close.
     */
    static String unknownKey(String path, String allowed) {
        String typed = path.replaceAll("\\[\\d+\\]", "").replaceFirst("^.*\\.", "");
        String hint = org.scalelab.common.Suggestions.didYouMean(typed, java.util.Arrays.asList(allowed.split(",\\s*")));
        return "unknown key" + (hint == null ? "" : "; " + hint) + " (allowed: " + allowed + ")";
    }

    private static <P> P bind(String where, KeyLines lines, String text, ObjectNode body, Class<P> type) {
        StrictNumbers.EXPONENT.get().clear();
        java.util.List<String> infinite = new java.util.ArrayList<>();
        infinities(body, "", infinite);
        try {
            P bound = bindStrictly(where, lines, body, type);
            for (var e : StrictNumbers.EXPONENT.get().entrySet()) {
                if (e.getValue() != null) {
                    throw new InvalidParameterException(where + ":" + lines.lineOf(e.getKey()) + " " + e.getKey()
                            + ": " + e.getValue() + ", was "
                            + java.util.Objects.requireNonNullElse(rawValue(text, lines.lineOf(e.getKey()), e.getKey()),
                                    valueAt(body, e.getKey())));
                }
            }
            for (String path : infinite) {
                if (!StrictNumbers.EXPONENT.get().containsKey(path)) {
                    throw notFinite(where, lines, text, body, path);
                }
            }
            return bound;
        } catch (InvalidParameterException e) {
            // A number past the double range (1e999 reads as infinity) breaks finiteness, not the
            // "> 0" the record may have found; a key with an upper bound (and every integer key, see
            // StrictNumbers) states that bound instead.
            InvalidParameterException rule = e.getCause() instanceof InvalidParameterException inner ? inner : e;
            boolean statesBound = rule.rule().contains("[") || rule.rule().contains("(") || rule.rule().contains("<");
            for (String path : infinite) {
                if (!rule.field().isEmpty() && !statesBound && (path.equals(rule.field()) || path.endsWith("." + rule.field()))
                        && !StrictNumbers.EXPONENT.get().containsKey(path)) {
                    throw notFinite(where, lines, text, body, path);
                }
            }
            throw echoed(e, lines, text);
        } finally {
            StrictNumbers.EXPONENT.remove();
        }
    }

    /** Collects the paths of numbers that read as infinite ({@code 1e999}, which JSON and YAML parse without error). */
    private static void infinities(JsonNode node, String path, java.util.List<String> out) {
        if (node.isNumber() && Double.isInfinite(node.doubleValue())) {
            out.add(path);
        } else if (node.isObject()) {
            node.fields().forEachRemaining(f -> infinities(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), out));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                infinities(node.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static InvalidParameterException notFinite(String where, KeyLines lines, String text, ObjectNode body, String path) {
        int line = lines.lineOf(path);
        return new InvalidParameterException(where + ":" + line + " " + path + ": must be a finite number, was "
                + java.util.Objects.requireNonNullElse(rawValue(text, line, path), valueAt(body, path)));
    }

    /**
     * A record's rejection of a number, with the value as the file wrote it ({@code params: must be
     * in [1, 1.0E15], was 1e400}), not as it was bound ({@code Infinity}, or a saturated integer).
     */
    private static InvalidParameterException echoed(InvalidParameterException e, KeyLines lines, String text) {
        InvalidParameterException rule = e.getCause() instanceof InvalidParameterException inner ? inner : e;
        if (rule.field().isEmpty()) {
            return e;
        }
        String field = StrictNumbers.EXPONENT.get().keySet().stream()
                .filter(k -> k.equals(rule.field()) || k.endsWith("." + rule.field())).findFirst().orElse(rule.field());
        String raw = rawValue(text, lines.lineOf(field), field);
        String message = e.getMessage();
        String tail = ", was " + rule.value();
        if (raw == null || raw.equals(rule.value()) || !message.endsWith(tail)
                || !(StrictNumbers.EXPONENT.get().containsKey(field) || sameNumber(raw, rule.value()))) {
            return e;
        }
        return new InvalidParameterException(message.substring(0, message.length() - tail.length()) + ", was " + raw, e);
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException x) {
            return false;
        }
    }

    /**
     * The scalar after {@code key:} on line {@code line} of {@code text} (comment and JSON punctuation
     * dropped), or null (a list element, or a key not on that line).
     */
    static String rawValue(String text, int line, String path) {
        String[] all = text.split("\n", -1);
        if (line < 1 || line > all.length || path.endsWith("]")) {
            return null;
        }
        String key = path.replaceFirst("^.*\\.", "");
        String l = all[line - 1];
        int at = l.indexOf(key);
        int colon = at < 0 ? -1 : l.indexOf(':', at + key.length());
        if (colon < 0) {
            return null;
        }
        String raw = l.substring(colon + 1).replaceFirst("\\s+#.*$", "").replaceAll("[,}\\]\\s]+$", "").trim();
        return raw.isEmpty() ? null : InvalidParameterException.oneLine(raw, InvalidParameterException.MAX_VALUE_CHARS);
    }

    private static <P> P bindStrictly(String where, KeyLines lines, ObjectNode body, Class<P> type) {
        String nul = NullValues.first(body, "");
        if (nul != null) {
            throw located(where, lines, NullValues.rejection(body, nul, type));
        }
        String[] unknown = UnknownKeys.find(body, type, "");
        if (unknown != null) {
            throw new InvalidParameterException(where + ":" + lines.lineOf(unknown[0]) + " " + unknown[0] + ": " + unknownKey(unknown[0], unknown[1]));
        }
        try {
            return BINDER.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            String path = KeyLines.render(e.getPath());
            String allowed = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new InvalidParameterException(where + ":" + lines.lineOf(path) + " " + path + ": " + unknownKey(path, allowed));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause();
            String path = KeyLines.render(e.getPath());
            if (cause instanceof InvalidParameterException ipe) {
                InvalidParameterException full = path.isEmpty() ? ipe : ipe.under(path);
                throw new InvalidParameterException(where + ":" + lines.lineOf(full.field()) + " " + full.getMessage(), ipe);
            }
            throw new InvalidParameterException(where + ":" + lines.lineOf(path) + " " + (path.isEmpty() ? "(root)" : path) + ": " + (cause != null ? cause.getMessage() : e.getOriginalMessage()), e);
        } catch (InvalidFormatException e) {
            String path = KeyLines.render(e.getPath());
            throw new InvalidParameterException(where + ":" + lines.lineOf(path) + " " + path + ": must be " + describe(e.getTargetType()) + ", was " + e.getValue());
        } catch (MismatchedInputException e) {
            String path = KeyLines.render(e.getPath());
            String was = valueAt(body, path);
            throw new InvalidParameterException(where + ":" + lines.lineOf(path) + " " + (path.isEmpty() ? "(root)" : path) + ": must be " + describe(e.getTargetType()) + ", was " + was);
        } catch (JsonMappingException e) {
            String path = KeyLines.render(e.getPath());
            throw new InvalidParameterException(where + ":" + lines.lineOf(path) + " " + path + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new InvalidParameterException(where + ": " + e.getOriginalMessage(), e);
        } catch (InvalidParameterException e) {
            throw located(where, lines, e);
        }
    }

    /** {@code /cluster/network/x} or {@code /sizes/1} to {@code cluster.network.x}, {@code sizes[1]}. */
    private static String pointerToPath(String pointer) {
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(part).append(']');
            } else {
                sb.append(sb.length() > 0 ? "." : "").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Long.class || type == Long.TYPE || type == Integer.class || type == Integer.TYPE) {
            return "an integer";
        }
        if (type == Double.class || type == Double.TYPE || type == Float.class || type == Float.TYPE) {
            return "a number";
        }
        if (type == Boolean.class || type == Boolean.TYPE) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        return "a mapping";
    }

    private static String valueAt(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.|(?=\\[)")) {
            if (part.isEmpty() || n == null) {
                continue;
            }
            n = part.startsWith("[") ? n.get(Integer.parseInt(part.substring(1, part.length() - 1))) : n.get(part);
        }
        return n == null ? "missing" : n.toString();
    }
}
