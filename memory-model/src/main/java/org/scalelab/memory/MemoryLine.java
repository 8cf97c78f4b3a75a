package org.scalelab.memory;

/**
 * One component of GPU memory live at a point of the step.
 *
 * @param name  what it is, e.g. "autocast weight cache"
 * @param bytes bytes on the most loaded GPU
 */
public record MemoryLine(String name, double bytes) {}
