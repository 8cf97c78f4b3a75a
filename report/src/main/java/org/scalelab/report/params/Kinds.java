package org.scalelab.report.params;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.scalelab.common.Check;

/**
 * The {@code kind:} values a reader accepts and the parameter record each binds to. The app lists
 * every kind; a planner or a sweep that reads only some kinds lists those ({@link #of(Map)}).
 */
public interface Kinds {
    /**
     * The record that a file of {@code kind} binds to.
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code kind} and the valid kinds
     */
    Class<?> parameterType(String kind);

    /** Every accepted kind, sorted, for the message when {@code kind:} is missing. */
    List<String> names();

    /** Kinds from a map of kind to parameter record. */
    static Kinds of(Map<String, Class<?>> types) {
        Map<String, Class<?>> sorted = new TreeMap<>(types);
        return new Kinds() {
            @Override
            public Class<?> parameterType(String kind) {
                Check.oneOf("kind", kind, sorted.keySet());
                return sorted.get(kind);
            }

            @Override
            public List<String> names() {
                return List.copyOf(sorted.keySet());
            }
        };
    }
}
