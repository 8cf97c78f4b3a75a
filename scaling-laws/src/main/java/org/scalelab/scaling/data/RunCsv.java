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
import org.scalelab.common.Keyed;

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
    public enum Dataset implements Keyed {
        /** Epoch AI's extraction of Hoffmann et al. 2022 Fig. 4 (245 rows). */
        EPOCH_CHINCHILLA("epoch-chinchilla", "datasets/epoch-chinchilla/svg_extracted_data.csv"),
        /** Our seeded synthetic training curves (see {@link SyntheticRuns}). */
        SYNTHETIC_CURVES("synthetic-curves", "datasets/synthetic/synthetic-curves.csv"),
        /** Our seeded synthetic IsoFLOP groups (see {@link SyntheticRuns}). */
        SYNTHETIC_ISOFLOP("synthetic-isoflop", "datasets/synthetic/synthetic-isoflop.csv");

        private final String key;
        public final String resource;

        Dataset(String key, String resource) {
            this.key = key;
            this.resource = resource;
        }

        /** The name the {@code dataset} key and option use. */
        @Override
        public String key() {
            return key;
        }

        /** The data set called {@code name}, or null. */
        public static Dataset byName(String name) {
            return Arrays.stream(values()).filter(d -> d.key.equals(name)).findFirst().orElse(null);
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
                return RunCsv.read(r, RunColumns.defaults(), key);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Most data rows read: 100,000, 400 times Epoch's 245-row extraction; a fit refits every row at every start. */
    public static final int MAX_ROWS = 100_000;

    /**
     * Reads {@code reader}; {@code name} is how messages call the file. Every failure is an
     * {@link InvalidParameterException} on {@code data} (or on the column option at fault) whose
     * rule starts with {@code name:line}. A row that breaks a rule is echoed (cut to 80
     * characters); a file whose first line names none of the columns is called "not a CSV with a
     * header row" and nothing of it is echoed, so naming a file that is not ours shows nothing of it.
     */
    public static RunData read(Reader reader, RunColumns columns, String name) throws IOException {
        List<Row> rows = parse(reader);
        if (rows.isEmpty()) {
            throw new InvalidParameterException("data", name + ":1 must be a CSV with a header row", "an empty file");
        }
        Row head = rows.get(0);
        List<String> header = head.cells().stream().map(String::strip).toList();
        if (!namesAColumn(header, columns) || rows.stream().anyMatch(r -> r.cells().stream().anyMatch(RunCsv::hasControl))) {
            throw new InvalidParameterException("data", name + ":" + head.line() + " must be a CSV with a header row naming its columns"
                    + " (params and loss, with tokens or flops)", "a file that is not one");
        }
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
        if (n > MAX_ROWS) {
            throw new InvalidParameterException("data", name + " must have at most " + MAX_ROWS + " data rows", "more");
        }
        double[] p = new double[n];
        double[] t = new double[n];
        double[] f = new double[n];
        double[] l = new double[n];
        String[] run = rCol < 0 ? null : new String[n];
        double[] budget = bCol < 0 ? null : new double[n];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i + 1);
            p[i] = number(row, pCol, header, name, false);
            l[i] = number(row, lCol, header, name, false);
            t[i] = tCol < 0 ? Double.NaN : number(row, tCol, header, name, false);
            f[i] = fCol < 0 ? 6.0 * p[i] * t[i] : number(row, fCol, header, name, false);
            if (tCol < 0) {
                t[i] = f[i] / (6.0 * p[i]);
            }
            if (run != null) {
                run[i] = cell(row.cells(), rCol);
            }
            if (budget != null) {
                budget[i] = number(row, bCol, header, name, true);
            }
        }
        if (n == 0) {
            throw new InvalidParameterException("data", name + ":" + head.line() + " must have at least one data row after its header", "none");
        }
        try {
            return new RunData(p, t, f, l, run, budget);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException("data", name + " column " + e.field() + " " + e.rule(), e.value());
        }
    }

    /** One CSV record and the line it starts on (1-based). */
    record Row(int line, List<String> cells) { }

    /** A column name as CSV headers have them: a word, perhaps with spaces, units or brackets; at most 64 characters. */
    private static final java.util.regex.Pattern COLUMN_NAME = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_ .,()/%\\[\\]-]{0,63}");

    /**
     * Whether the first line is a CSV header: it names a column a fit reads, or it is two or more
     * cells that all look like column names (so a message may show them).
     */
    private static boolean namesAColumn(List<String> header, RunColumns columns) {
        if (header.size() >= 2 && header.stream().allMatch(h -> COLUMN_NAME.matcher(h).matches())) {
            return true;
        }
        for (String given : java.util.Arrays.asList(columns.params(), columns.tokens(), columns.flops(), columns.loss(),
                columns.run(), columns.budget())) {
            if (given != null && header.contains(given)) {
                return true;
            }
        }
        return RunColumns.DEFAULTS.values().stream().flatMap(List::stream).anyMatch(header::contains);
    }

    private static boolean hasControl(String cell) {
        return cell.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
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
                    + " (" + String.join(", ", header) + "); name it with --" + role + "-column (file key " + role + "_column)", "missing");
        }
        return -1;
    }

    private static String cell(List<String> row, int col) {
        return col < row.size() ? row.get(col).strip() : "";
    }

    private static double number(Row row, int col, List<String> header, String name, boolean blankIsNaN) {
        String s = cell(row.cells(), col);
        if (s.isEmpty() && blankIsNaN) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        // Every quantity a fit reads is positive (parameters, tokens, FLOPs, loss, budget).
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new InvalidParameterException("data", name + ":" + row.line() + " column " + header.get(col).toLowerCase(Locale.ROOT)
                    + " must be a finite number > 0", (s.isEmpty() ? "blank" : s) + " (row: " + String.join(",", row.cells()) + ")");
        }
        return v;
    }

    /** Minimal RFC 4180 parsing: quoted fields, doubled quotes, CRLF or LF; blank lines skipped; each row with its first line. */
    static List<Row> parse(Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<Row> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int start = 1;
        int c;
        while ((c = in.read()) != -1 && rows.size() <= MAX_ROWS + 1) {
            char ch = (char) c;
            if (!any && field.length() == 0 && row.isEmpty()) {
                start = line;
            }
            if (ch == '\n') {
                line++;
            }
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
                    rows.add(new Row(start, row));
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
            rows.add(new Row(start, row));
        }
        return rows;
    }
}
