package org.scalelab.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What every page the demo writes must hold, checked over the whole folder: the index groups the
 * pages by domain and titles each by its file's {@code name:} with headline numbers; every page
 * links back to the index, has a table of contents whose links land, and under each chart a hover
 * title, a link to its CSV and a value table of the CSV's rows; every SVG draws only the theme's
 * colours (Okabe-Ito without yellow, greys, the heat-map ramp).
 */
final class DemoPages {
    private static final Pattern NAME = Pattern.compile("(?m)^name:\\s*\"?([^\"#\\n]+?)\"?\\s*(#.*)?$");
    private static final Pattern RGB = Pattern.compile("rgb\\((\\d+),(\\d+),(\\d+)\\)");
    private static final int[][] THEME = {{0, 114, 178}, {213, 94, 0}, {0, 158, 115}, {204, 121, 167}, {230, 159, 0}, {86, 180, 233}};
    private static final int[][] RAMP = {{0xF2, 0xF8, 0xFC}, {0x56, 0xB4, 0xE9}, {0x00, 0x72, 0xB2}};

    private DemoPages() {}

    /** Checks the demo folder {@code out} written from {@code examples}. */
    static void check(Path out, Path examples) throws IOException {
        String index = Files.readString(out.resolve("index.html"));
        List<Path> files;
        try (Stream<Path> s = Files.list(examples)) {
            files = s.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$")).sorted().toList();
        }
        Set<String> domains = new HashSet<>();
        for (Path f : files) {
            String stem = f.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            Matcher n = NAME.matcher(Files.readString(f));
            String name = n.find() ? n.group(1).strip() : stem;
            assertTrue(index.contains("<a href=\"" + stem + "/index.html\"><b>" + org.scalelab.report.HtmlReport.esc(name) + "</b></a>"),
                    "index entry of " + stem + " titled by its name: " + name);
            String row = index.substring(index.indexOf("<a href=\"" + stem + "/index.html\">"));
            row = row.substring(0, row.indexOf("</tr>"));
            assertTrue(row.contains(": <b>"), stem + ": no headline number in the index");
            domains.add(org.scalelab.report.HtmlIndex.domain(stem.replaceFirst("-.*", "")));
            page(out.resolve(stem), stem);
        }
        for (String d : domains) {
            assertTrue(index.contains("<h2 id=\"" + d + "\">") && index.contains("href=\"#" + d + "\""), "index group " + d);
        }
        assertTrue(domains.containsAll(List.of("scaling", "memory", "cluster", "kernels", "plan", "sweeps")), domains.toString());
    }

    private static void page(Path dir, String stem) throws IOException {
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<a href=\"../index.html\">"), stem + ": no link back to the index");
        assertTrue(html.contains("<nav class=\"toc\">"), stem + ": no table of contents");
        Matcher anchor = Pattern.compile("href=\"#([^\"]+)\"").matcher(html);
        while (anchor.find()) {
            assertTrue(html.contains("id=\"" + anchor.group(1) + "\""), stem + ": contents link to nothing: #" + anchor.group(1));
        }
        Matcher link = Pattern.compile("(?:src|href)=\"([^\"#:?]+)\"").matcher(html);
        while (link.find()) {
            assertTrue(Files.exists(dir.resolve(link.group(1)).normalize()), stem + ": broken link " + link.group(1));
        }
        Matcher fig = Pattern.compile("(?s)<figure id=\"([^\"]+)\">(.*?)</figure>").matcher(html);
        int charts = 0;
        while (fig.find()) {
            String name = fig.group(1);
            String body = fig.group(2);
            assertTrue(body.matches("(?s).*<img src=\"" + Pattern.quote(name) + ".png\"[^>]* title=\"[^\"]{10,}\".*"), stem + "/" + name + ": hover title");
            assertTrue(body.contains("href=\"" + name + ".csv\""), stem + "/" + name + ": no link to its data");
            assertTrue(body.contains("<details>") && body.contains("<table class=\"values\">"), stem + "/" + name + ": no value table");
            int rows = body.split("<tr>", -1).length - 2;
            int csv = csvRecords(Files.readString(dir.resolve(name + ".csv"))) - 1;
            assertEquals(Math.min(csv, 300), rows, stem + "/" + name + ": value table rows vs CSV rows");
            svgColours(dir.resolve(name + ".svg"), stem + "/" + name);
            charts++;
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(s.filter(p -> p.toString().endsWith(".png")).count(), charts, stem + ": a PNG that no figure shows");
        }
    }

    /** Records in a CSV (quoted fields may hold newlines). */
    static int csvRecords(String csv) {
        int records = 0;
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\n' && !quoted) {
                records++;
            }
        }
        return csv.endsWith("\n") ? records : records + 1;
    }

    private static void svgColours(Path svg, String what) throws IOException {
        Matcher m = RGB.matcher(Files.readString(svg));
        List<String> off = new ArrayList<>();
        while (m.find()) {
            int[] c = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
            if (!(c[0] == c[1] && c[1] == c[2]) && !inTheme(c) && !onRamp(c)) {
                off.add(m.group());
            }
        }
        assertFalse(!off.isEmpty(), what + ": colours outside the theme " + new java.util.TreeSet<>(off));
    }

    private static boolean inTheme(int[] c) {
        for (int[] t : THEME) {
            if (Math.abs(t[0] - c[0]) + Math.abs(t[1] - c[1]) + Math.abs(t[2] - c[2]) <= 3) {
                return true;
            }
        }
        return false;
    }

    /** On a straight segment of the heat-map ramp, within rounding. */
    private static boolean onRamp(int[] c) {
        for (int s = 0; s + 1 < RAMP.length; s++) {
            int[] a = RAMP[s];
            int[] b = RAMP[s + 1];
            double best = Double.MAX_VALUE;
            for (int k = 0; k <= 200; k++) {
                double t = k / 200.0;
                double d = 0;
                for (int i = 0; i < 3; i++) {
                    d += Math.abs(a[i] + t * (b[i] - a[i]) - c[i]);
                }
                best = Math.min(best, d);
            }
            if (best <= 6) {
                return true;
            }
        }
        return false;
    }
}
