package org.scalelab.sweeps;

/**
 * One point as it travels to a Spark task.
 *
 * @param index the point's index in the grid (row-major)
 * @param seed  its seed ({@link PointSeeds})
 * @param json  its parameter file body as JSON
 */
public record SweepPoint(int index, long seed, String json) implements java.io.Serializable { }
