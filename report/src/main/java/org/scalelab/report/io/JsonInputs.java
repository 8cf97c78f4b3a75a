package org.scalelab.report.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.scalelab.common.InvalidParameterException;

/**
 * Reads a JSON file that an option or key names as input (a {@code kernels run} result, a JMH
 * export): every failure is one line {@code key: FILE is not JSON (syntax error at line L, column
 * C), was GIVEN}, naming the option or key and the path as typed, never Jackson's internals or the
 * file's content.
 */
public final class JsonInputs {
    private JsonInputs() {}

    /**
     * The file as a JSON tree: at most {@code maxBytes}, UTF-8 (a byte-order mark allowed), not empty.
     *
     * @param key      the option or key that named the file (e.g. {@code matmul_efficiency_from})
     * @param given    the path as typed
     * @param file     the file to read
     * @param maxBytes largest file accepted, bytes
     * @param what     what the file should be, for the size message (e.g. "a result file")
     * @throws InvalidParameterException naming {@code key} when the file cannot be read, is a folder,
     *     is too large, is not UTF-8 or is not JSON
     */
    public static JsonNode read(String key, String given, Path file, long maxBytes, String what) {
        Path n = file.getFileName();
        String name = n == null ? file.toString() : n.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidParameterException(key, "must be a JSON file, not a folder", given);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
            throw new InvalidParameterException(key, name + " cannot be read (" + why + ")", given);
        }
        if (bytes.length > maxBytes) {
            throw new InvalidParameterException(key, name + " is larger than " + maxBytes + " bytes; not " + what, given);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidParameterException(key, name + " is not JSON (not UTF-8 text)", given);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidParameterException(key, name + " is not JSON (" + (at == null ? "syntax error"
                    : "syntax error at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")", given);
        }
        if (root == null || root.isMissingNode()) {
            throw new InvalidParameterException(key, name + " is not JSON (empty)", given);
        }
        return root;
    }
}
