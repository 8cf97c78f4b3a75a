package org.scalelab.report.params;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line of every key path in a parameter file ({@code cluster.network.inter_node_gbit_per_s},
 * {@code budgets[2]}), read from the parser's token locations, so an error found after binding
 * still names its line.
 */
public final class KeyLines {
    private final Map<String, Integer> lines = new HashMap<>();

    /** Reads every token of {@code parser} and records the line of each path. */
    static KeyLines scan(JsonParser parser) throws IOException {
        KeyLines k = new KeyLines();
        Deque<Frame> path = new ArrayDeque<>();
        JsonToken t;
        while ((t = parser.nextToken()) != null) {
            int line = parser.currentTokenLocation().getLineNr();
            if (t == JsonToken.FIELD_NAME) {
                path.peekLast().key = parser.currentName();
                k.lines.putIfAbsent(render(path), line);
                continue;
            }
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                path.removeLast();
                continue;
            }
            Frame top = path.peekLast();
            if (top != null && top.key == null) {
                top.index++;
                k.lines.putIfAbsent(render(path), line);
            }
            if (t == JsonToken.START_OBJECT) {
                path.addLast(new Frame(""));
            } else if (t == JsonToken.START_ARRAY) {
                path.addLast(new Frame(null));
            }
        }
        return k;
    }

    /** An open object (with its current key) or array (with its current index). */
    private static final class Frame {
        String key;
        int index = -1;

        Frame(String key) {
            this.key = key;
        }
    }

    private static String render(Deque<Frame> path) {
        StringBuilder sb = new StringBuilder();
        for (Frame f : path) {
            if (f.key == null) {
                sb.append('[').append(f.index).append(']');
            } else if (!f.key.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(f.key);
            }
        }
        return sb.toString();
    }

    /** Renders a Jackson exception path the same way. */
    static String render(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** The line of {@code path}, or of its nearest enclosing key; 0 when unknown. */
    public int lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        // A key missing at the top level: the root mapping that lacks it starts on line 1.
        return 1;
    }
}
