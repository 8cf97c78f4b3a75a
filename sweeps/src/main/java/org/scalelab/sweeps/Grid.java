package org.scalelab.sweeps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalelab.common.InvalidParameterException;

/**
 * The points of a sweep: the Cartesian product of its dimensions, where a dimension is one axis
 * or a {@code zip:} group of axes that vary together (equal lengths, value {@code k} of each
 * taken together). Dimensions are ordered as their first axis appears under {@code axes:}; the
 * first dimension varies slowest, the last fastest (row-major), and points are numbered from 0 in
 * that order.
 */
public final class Grid {
    /**
     * Most points of one sweep: 10⁵. The driver checks every point with the kind's parser and holds
     * each as JSON before Spark starts; a 10⁵-point grid is far beyond any published study (Hoffmann
     * et al. 2022 trained over 400 models) and is planned in seconds.
     */
    public static final int MAX_POINTS = 100_000;

    private final List<Axis> axes;
    private final List<List<Integer>> dimensions;
    private final int[] sizes;
    private final int count;

    /**
     * @param axes the axes in file order
     * @param zip  groups of axis paths that vary together; every path must be an axis, at most one group each
     * @throws InvalidParameterException naming {@code zip[g]} for an unknown path, a path in two groups or unequal lengths,
     *     or {@code axes} when the product exceeds {@value #MAX_POINTS} points
     */
    public Grid(List<Axis> axes, List<List<String>> zip) {
        this.axes = List.copyOf(axes);
        Map<String, Integer> byPath = new LinkedHashMap<>();
        for (int i = 0; i < axes.size(); i++) {
            byPath.put(axes.get(i).path(), i);
        }
        int[] groupOf = new int[axes.size()];
        java.util.Arrays.fill(groupOf, -1);
        for (int g = 0; g < zip.size(); g++) {
            List<String> group = zip.get(g);
            if (group.size() < 2) {
                throw new InvalidParameterException("zip[" + g + "]", "must name at least two axes", group);
            }
            int length = -1;
            for (String path : group) {
                Integer a = byPath.get(path);
                if (a == null) {
                    throw new InvalidParameterException("zip[" + g + "]", "must name axes under axes: (" + String.join(", ", byPath.keySet()) + ")", path);
                }
                if (groupOf[a] >= 0) {
                    throw new InvalidParameterException("zip[" + g + "]", "names an axis already zipped in zip[" + groupOf[a] + "]", path);
                }
                if (length >= 0 && axes.get(a).size() != length) {
                    throw new InvalidParameterException("zip[" + g + "]", "axes must have the same number of values",
                            path + " has " + axes.get(a).size() + ", " + group.get(0) + " has " + length);
                }
                length = axes.get(a).size();
                groupOf[a] = g;
            }
        }
        List<List<Integer>> dims = new ArrayList<>();
        Map<Integer, List<Integer>> zipDims = new LinkedHashMap<>();
        for (int a = 0; a < axes.size(); a++) {
            if (groupOf[a] < 0) {
                dims.add(List.of(a));
            } else if (!zipDims.containsKey(groupOf[a])) {
                List<Integer> members = new ArrayList<>();
                zipDims.put(groupOf[a], members);
                dims.add(members);
                members.add(a);
            } else {
                zipDims.get(groupOf[a]).add(a);
            }
        }
        this.dimensions = dims;
        this.sizes = dims.stream().mapToInt(d -> axes.get(d.get(0)).size()).toArray();
        long n = 1;
        for (int s : sizes) {
            n *= s;
            if (n > MAX_POINTS) {
                throw new InvalidParameterException("axes", "must give at most " + MAX_POINTS + " points (the product of the axes' "
                        + "lengths, zipped axes counted once): each point is checked and carried on the driver", "over " + MAX_POINTS);
            }
        }
        this.count = (int) n;
    }

    /** The axes in file order. */
    public List<Axis> axes() {
        return axes;
    }

    /**
     * The dimensions of the product, slowest first: each is the indices (into {@link #axes()}) of one
     * axis or of a zip group's axes.
     */
    public List<List<Integer>> dimensions() {
        return dimensions.stream().map(List::copyOf).toList();
    }

    /** Number of points. */
    public int size() {
        return count;
    }

    /** For point {@code index}, the index into each axis's values (in axis order). */
    public int[] valueIndices(int index) {
        int[] out = new int[axes.size()];
        int rest = index;
        for (int d = dimensions.size() - 1; d >= 0; d--) {
            int k = rest % sizes[d];
            rest /= sizes[d];
            for (int a : dimensions.get(d)) {
                out[a] = k;
            }
        }
        return out;
    }

    /** The values of point {@code index}, in axis order. */
    public List<JsonNode> values(int index) {
        int[] k = valueIndices(index);
        List<JsonNode> out = new ArrayList<>(k.length);
        for (int a = 0; a < k.length; a++) {
            out.add(axes.get(a).values().get(k[a]));
        }
        return out;
    }

    /**
     * The base file with point {@code index}'s values put at their key paths. Missing
     * intermediate mappings are created (an optional section absent from the base), so a key the
     * kind does not have reaches the kind's parser and is rejected there as an unknown key.
     *
     * @throws InvalidParameterException naming {@code axes.<path>} when a path goes through a value that is not a mapping
     */
    public ObjectNode apply(ObjectNode base, int index) {
        return applyValues(base, valueIndices(index));
    }

    /** As {@link #apply}, for the point with value {@code k[a]} of each axis {@code a} (zip groups need not agree). */
    ObjectNode applyValues(ObjectNode base, int[] k) {
        ObjectNode out = base.deepCopy();
        List<JsonNode> values = new ArrayList<>(k.length);
        for (int a = 0; a < k.length; a++) {
            values.add(axes.get(a).values().get(k[a]));
        }
        for (int a = 0; a < axes.size(); a++) {
            String path = axes.get(a).path();
            String[] keys = path.split("\\.");
            ObjectNode node = out;
            for (int i = 0; i < keys.length - 1; i++) {
                JsonNode child = node.get(keys[i]);
                if (child == null || child.isNull()) {
                    child = node.putObject(keys[i]);
                } else if (!child.isObject()) {
                    throw new InvalidParameterException("axes." + path, "must be a key path through mappings of the base, but "
                            + String.join(".", java.util.Arrays.copyOf(keys, i + 1)) + " is not a mapping", child);
                }
                node = (ObjectNode) child;
            }
            node.set(keys[keys.length - 1], values.get(a));
        }
        return out;
    }
}
