package org.scalelab.report.io;

import java.util.List;

/** RFC 4180 CSV with numbers in the root locale (a point as decimal separator). */
public final class Csv {
    private Csv() {}

    public static String write(List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        for (List<?> row : rows) {
            line(sb, row);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(cell(cells.get(i)));
        }
        sb.append('\n');
    }

    /** One cell: numbers without locale, non-finite doubles empty, text quoted when needed. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? Double.toString(d) : "";
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? Float.toString(f) : "";
        }
        String s = String.valueOf(value);
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
