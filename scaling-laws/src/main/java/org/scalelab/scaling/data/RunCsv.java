package org.scalelab.scaling.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.scalelab.common.InvalidParameterException;
import org.scalelab.scaling.fit.RunData;

/**
 * Reads training runs from CSV (RFC 4180, header row, numbers in the root locale). Tokens are
 * derived as flops/(6·params) when there is no tokens column (the convention of Hoffmann et al.
 * 2022 and of Besiroglu et al. 2024 for the Fig. 4 extraction), and FLOPs as 6·params·tokens when
 * there is no FLOPs column. Bad input throws {@link InvalidParameterException} naming the column
 * (or {@code data} for the file), the rule and the value.
 */
public final class RunCsv {
    private RunCsv() {}

    /** The shipped data sets, by name. */
    public enum Dataset {
        /** Epoch AI's extraction of Hoffmann et al. 2022 Fig. 4 (245 rows). */
        EPOCH_CHINCHILLA("epoch-chinchilla", "datasets/epoch-chinchilla/svg_extracted_data.csv"),
        /** Our seeded synthetic training curves (see {@link SyntheticRuns}). */
        SYNTHETIC_CURVES("synthetic-curves", "datasets/synthetic/synthetic-curves.csv"),
        /** Our seeded synthetic IsoFLOP groups (see {@link SyntheticRuns}). */
        SYNTHETIC_ISOFLOP("synthetic-isoflop", "datasets/synthetic/synthetic-isoflop.csv");

        public final String id;
        public final String resource;

        Dataset(String id, String resource) {
            this.id = id;
            this.resource = resource;
        }

        /** The data set called {@code name}, or null. */
        public static Dataset byName(String name) {
            return Arrays.stream(values()).filter(d -> d.id.equals(name)).findFirst().orElse(null);
        }

        /** Opens the shipped CSV. */
        public InputStream open() {
            InputStream in = RunCsv.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in;
        }

        /** Reads the shipped CSV with the default columns. */
        public RunData read() {
            try (Reader r = new InputStreamReader(open(), StandardCharsets.UTF_8)) {
                return RunCsv.read(r, RunColumns.defaults(), id);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads {@code reader}; {@code name} is how messages call the file. */
    public static RunData read(Reader reader, RunColumns columns, String name) throws IOException {
        List<List<String>> rows = parse(reader);
        if (rows.isEmpty()) {
            throw new InvalidParameterException("data", "must have a header row", name + " is empty");
        }
        List<String> header = rows.get(0).stream().map(String::strip).toList();
        int pCol = column(header, "params", columns.params(), true, name);
        int lCol = column(header, "loss", columns.loss(), true, name);
        int tCol = column(header, "tokens", columns.tokens(), false, name);
        int fCol = column(header, "flops", columns.flops(), false, name);
        int rCol = column(header, "run", columns.run(), false, name);
        int bCol = column(header, "budget", columns.budget(), false, name);
        if (tCol < 0 && fCol < 0) {
            throw new InvalidParameterException("tokens_column", "needs a tokens or a flops column in " + name, header);
        }
        int n = rows.size() - 1;
        double[] p = new double[n];
        double[] t = new double[n];
        double[] f = new double[n];
        double[] l = new double[n];
        String[] run = rCol < 0 ? null : new String[n];
        double[] budget = bCol < 0 ? null : new double[n];
        for (int i = 0; i < n; i++) {
            List<String> row = rows.get(i + 1);
            int line = i + 2;
            p[i] = number(row, pCol, header, line, name, false);
            l[i] = number(row, lCol, header, line, name, false);
            t[i] = tCol < 0 ? Double.NaN : number(row, tCol, header, line, name, false);
            f[i] = fCol < 0 ? 6.0 * p[i] * t[i] : number(row, fCol, header, line, name, false);
            if (tCol < 0) {
                t[i] = f[i] / (6.0 * p[i]);
            }
            if (run != null) {
                run[i] = cell(row, rCol);
            }
            if (budget != null) {
                budget[i] = number(row, bCol, header, line, name, true);
            }
        }
        if (n == 0) {
            throw new InvalidParameterException("data", "must have at least one data row", name);
        }
        try {
            return new RunData(p, t, f, l, run, budget);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(e.field(), e.rule() + " (in " + name + ")", e.value());
        }
    }

    private static int column(List<String> header, String role, String given, boolean required, String name) {
        if (given != null) {
            int i = header.indexOf(given);
            if (i < 0) {
                throw new InvalidParameterException(role + "_column", "must name a column of " + name + " (" + String.join(", ", header) + ")", given);
            }
            return i;
        }
        for (String alias : RunColumns.DEFAULTS.get(role)) {
            int i = header.indexOf(alias);
            if (i >= 0) {
                return i;
            }
        }
        if (required) {
            throw new InvalidParameterException(role + "_column", "default column '" + role + "' not in " + name
                    + " (" + String.join(", ", header) + "); name it with --" + role + "-column", "missing");
        }
        return -1;
    }

    private static String cell(List<String> row, int col) {
        return col < row.size() ? row.get(col).strip() : "";
    }

    private static double number(List<String> row, int col, List<String> header, int line, String name, boolean blankIsNaN) {
        String s = cell(row, col);
        if (s.isEmpty() && blankIsNaN) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(header.get(col).toLowerCase(Locale.ROOT),
                    "must be a finite number (" + name + " line " + line + ")", s.isEmpty() ? "blank" : s);
        }
    }

    /** Minimal RFC 4180 parsing: quoted fields, doubled quotes, CRLF or LF; blank lines skipped. */
    static List<List<String>> parse(Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int c;
        while ((c = in.read()) != -1) {
            char ch = (char) c;
            if (quoted) {
                if (ch == '"') {
                    in.mark(1);
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (next != -1) {
                            in.reset();
                        }
                    }
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (any || field.length() > 0) {
                    row.add(field.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                field.setLength(0);
                any = false;
            } else {
                field.append(ch);
                any = true;
            }
        }
        if (any || field.length() > 0) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
