package org.scalelab.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean ...?" for a mistyped name: the valid names within a small edit distance
 * (Levenshtein) of what was typed, or that start with it ({@code h100} → {@code h100-sxm, h100-pcie}).
 */
public final class Suggestions {
    private Suggestions() {}

    /**
     * Unit spellings that our names never use (bare {@code gbps} is ambiguous between gigabits and
     * gigabytes), each with the spellings the names use instead: {@code --inter-node-gbps} is far
     * from {@code --inter-node-gbit-per-s} by edit distance, yet plainly meant it.
     */
    private static final List<String[]> UNIT_SPELLINGS = List.of(
            new String[] {"gbps", "gbit-per-s", "gb-per-s"},
            new String[] {"gbit-s", "gbit-per-s"},
            new String[] {"gb-s", "gb-per-s"},
            new String[] {"tflops", "tflop-per-s"});

    /**
     * The names close to {@code typed}, best first; empty when none is close. A unit spelled the
     * way no name spells it ({@code gbps}, {@code tflops}) is also tried as the names spell it.
     */
    public static List<String> closest(String typed, Collection<String> names) {
        List<String> out = near(typed, names);
        if (!out.isEmpty() || typed == null) {
            return out;
        }
        String t = typed.toLowerCase(Locale.ROOT);
        String dash = t.contains("_") ? "_" : "-";
        List<String> respelled = new ArrayList<>();
        for (String[] unit : UNIT_SPELLINGS) {
            String bare = unit[0].replace("-", dash);
            if (!t.contains(bare)) {
                continue;
            }
            for (int i = 1; i < unit.length; i++) {
                for (String n : near(t.replace(bare, unit[i].replace("-", dash)), names)) {
                    if (!respelled.contains(n)) {
                        respelled.add(n);
                    }
                }
            }
        }
        return respelled;
    }

    private static List<String> near(String typed, Collection<String> names) {
        if (typed == null || typed.isEmpty()) {
            return List.of();
        }
        String t = strip(typed);
        List<String> prefixed = new ArrayList<>();
        for (String n : names) {
            if (strip(n).startsWith(t) && !strip(n).equals(t)) {
                prefixed.add(n);
            }
        }
        if (!prefixed.isEmpty() && t.length() >= 2) {
            return prefixed;
        }
        int best = Integer.MAX_VALUE;
        List<String> out = new ArrayList<>();
        int limit = Math.max(1, Math.min(3, t.length() / 3));
        for (String n : names) {
            // the distance is at least the difference in length: skip the quadratic count when that is already too far
            // (a 100 KB value against a list of names would otherwise cost a hundred million steps)
            if (Math.abs(strip(n).length() - t.length()) > limit) {
                continue;
            }
            int d = distance(t, strip(n));
            if (d > limit) {
                continue;
            }
            if (d < best) {
                best = d;
                out.clear();
            }
            if (d == best) {
                out.add(n);
            }
        }
        return out;
    }

    /** "did you mean a or b?", or null when nothing is close. */
    public static String didYouMean(String typed, Collection<String> names) {
        List<String> c = closest(typed, names);
        if (c.isEmpty()) {
            return null;
        }
        return "did you mean " + (c.size() == 1 ? c.get(0)
                : String.join(", ", c.subList(0, c.size() - 1)) + " or " + c.get(c.size() - 1)) + "?";
    }

    private static String strip(String s) {
        String x = s.toLowerCase(Locale.ROOT);
        while (x.startsWith("-")) {
            x = x.substring(1);
        }
        return x;
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character each cost 1. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] tmp = prev;
            prev = cur;
            cur = tmp;
        }
        return prev[b.length()];
    }
}
