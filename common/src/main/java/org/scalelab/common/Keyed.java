package org.scalelab.common;

/**
 * A value chosen by name from a registry (a GPU preset, a model preset, a scaling law, a failure
 * table, a strategy): its {@link #key()} is what parameter files and command-line options spell,
 * and the registry's {@code byName} finds it by that key. Every registry's values expose their key
 * under this one name.
 */
public interface Keyed {
    /** The name parameter files and options use for this value, e.g. {@code h100-sxm}, {@code chinchilla}, {@code ring}. */
    String key();
}
