package org.scalelab.memory;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalelab.common.Check;
import org.scalelab.common.Keyed;

/** Activation recomputation policies of Korthikanti et al. 2022 (arXiv:2205.05198, §5). */
public enum Recompute implements Keyed {
    /** Keep every activation for the backward pass. */
    NONE,
    /** Recompute only the attention core (softmax, its dropout, attention over V): drops the 5as/h term (§5). */
    SELECTIVE,
    /** Keep only each layer's input and recompute the whole layer: 2sbh per layer (§5). */
    FULL;

    /** The name on the command line and in parameter files. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Names in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Recompute::key).toList();
    }

    /**
     * The policy of that name.
     *
     * @throws org.scalelab.common.InvalidParameterException naming {@code recompute} and listing the valid names
     */
    public static Recompute byName(String name) {
        String key = name == null ? null : name.toLowerCase(Locale.ROOT);
        Check.oneOf("recompute", key, names());
        return valueOf(key.toUpperCase(Locale.ROOT));
    }
}
