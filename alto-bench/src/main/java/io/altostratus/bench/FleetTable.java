package io.altostratus.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One store's fleet figures: rows (queries, throughput, memory, restart, CLI) by fleet size, each row with the
 * issue's targets beside it and whether the run met them. Printed as a text table and written as JSON.
 */
final class FleetTable {
    /** One measured figure: a median (and p90 where repeated), or why there is none. */
    record Cell(double median, double p90, String note) {
        static Cell of(double value) {
            return new Cell(value, Double.NaN, null);
        }

        static Cell of(Stats stats) {
            return new Cell(stats.medianMs(), stats.percentileMs(90), null);
        }

        /** No figure: the answer was wrong, or the step failed; {@code why} says which. */
        static Cell failed(String why) {
            return new Cell(Double.NaN, Double.NaN, why);
        }

        boolean measured() {
            return !Double.isNaN(median);
        }

        Cell noted(String note) {
            return new Cell(median, p90, note);
        }
    }

    /** What a row's figures are compared with. */
    interface Check {
        /**
         * Whether {@code value} (the row's median at the judged size) meets the goal, given the whole row; null when
         * the row lacks the figure it is judged against.
         */
        Boolean ok(double value, Map<Integer, Cell> row);
    }

    /**
     * A target from the issue: {@code text} as printed, judged at {@code atSize} (or, on a run that stops short of
     * it, at the largest size measured, and said so); {@code atSize} 0 judges the largest size measured.
     */
    record Goal(String text, int atSize, Check check) {
        static Goal atMost(String text, int atSize, double limit) {
            return new Goal(text, atSize, (value, row) -> value <= limit);
        }

        String verdict(Map<Integer, Cell> row) {
            TreeMap<Integer, Cell> measured = new TreeMap<>();
            row.forEach((size, cell) -> {
                if (cell.measured()) {
                    measured.put(size, cell);
                }
            });
            Map.Entry<Integer, Cell> judged = atSize == 0 ? measured.lastEntry() : measured.floorEntry(atSize);
            if (judged == null) {
                return "-";
            }
            Boolean ok = check.ok(judged.getValue().median(), row);
            if (ok == null) {
                return "-";
            }
            String verdict = ok ? "PASS" : "MISS";
            if (atSize != 0 && judged.getKey() != atSize) {
                return verdict + " at " + String.format(Locale.ROOT, "%,d", judged.getKey());
            }
            return verdict;
        }
    }

    /** One row: its name, unit, figures by size, and goals. */
    record Row(String name, String unit, int decimals, Map<Integer, Cell> cells, List<Goal> goals) {
    }

    private final String label;
    private final List<Integer> sizes;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final java.util.Set<String> notes = new java.util.LinkedHashSet<>();

    FleetTable(String label, List<Integer> sizes) {
        this.label = label;
        this.sizes = List.copyOf(sizes);
    }

    String label() {
        return label;
    }

    /** Declares a row (rows print in the order declared). */
    void row(String name, String unit, int decimals, Goal... goals) {
        rows.put(name, new Row(name, unit, decimals, new TreeMap<>(), List.of(goals)));
    }

    void put(String row, int size, Cell cell) {
        Row r = rows.get(row);
        if (r == null) {
            throw new IllegalArgumentException("no row " + row);
        }
        r.cells().put(size, cell);
    }

    void note(String note) {
        notes.add(note);
    }

    void print(PrintStream out) {
        int nameWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(10) + 2;
        int width = 17;
        out.println();
        out.println("== " + label);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s %-6s", "", "unit"));
        sizes.forEach(size -> head.append(String.format(Locale.ROOT, " %" + width + "s", String.format(Locale.ROOT,
                "%,d", size))));
        head.append("   target (issue 20)");
        out.println(head);
        for (Row row : rows.values()) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + nameWidth + "s %-6s", row.name(),
                    row.unit()));
            List<String> footnotes = new ArrayList<>();
            for (int size : sizes) {
                Cell cell = row.cells().get(size);
                String text = cell == null ? "" : format(cell, row.decimals());
                if (cell != null && cell.note() != null) {
                    footnotes.add(String.format(Locale.ROOT, "%,d: %s", size, cell.note()));
                }
                line.append(String.format(Locale.ROOT, " %" + width + "s", text));
            }
            List<String> verdicts = new ArrayList<>();
            for (Goal goal : row.goals()) {
                verdicts.add(goal.text() + " " + goal.verdict(row.cells()));
            }
            if (!verdicts.isEmpty()) {
                line.append("   ").append(String.join("; ", verdicts));
            }
            out.println(line);
            footnotes.forEach(f -> out.println("    (" + f + ")"));
        }
        notes.forEach(n -> out.println("  note: " + n));
    }

    private static String format(Cell cell, int decimals) {
        if (!cell.measured()) {
            return "n/a*";
        }
        String pattern = "%,." + decimals + "f";
        String median = String.format(Locale.ROOT, pattern, cell.median());
        if (Double.isNaN(cell.p90())) {
            return cell.note() == null ? median : median + "*";
        }
        return median + " /" + String.format(Locale.ROOT, pattern, cell.p90()) + (cell.note() == null ? "" : "*");
    }

    /** This table as a JSON object (no library: the structure is small and fixed). */
    String json() {
        StringBuilder b = new StringBuilder();
        b.append("{\"store\":").append(quote(label)).append(",\"sizes\":").append(sizes).append(",\"rows\":[");
        boolean firstRow = true;
        for (Row row : rows.values()) {
            b.append(firstRow ? "" : ",");
            firstRow = false;
            b.append("{\"name\":").append(quote(row.name())).append(",\"unit\":").append(quote(row.unit()))
                    .append(",\"figures\":{");
            boolean firstCell = true;
            for (Map.Entry<Integer, Cell> e : row.cells().entrySet()) {
                b.append(firstCell ? "" : ",");
                firstCell = false;
                Cell cell = e.getValue();
                b.append('"').append(e.getKey()).append("\":{\"median\":").append(number(cell.median()))
                        .append(",\"p90\":").append(number(cell.p90())).append(",\"note\":")
                        .append(cell.note() == null ? "null" : quote(cell.note())).append('}');
            }
            b.append("},\"targets\":[");
            boolean firstGoal = true;
            for (Goal goal : row.goals()) {
                b.append(firstGoal ? "" : ",");
                firstGoal = false;
                b.append("{\"target\":").append(quote(goal.text())).append(",\"verdict\":")
                        .append(quote(goal.verdict(row.cells()))).append('}');
            }
            b.append("]}");
        }
        b.append("],\"notes\":[");
        String separator = "";
        for (String note : notes) {
            b.append(separator).append(quote(note));
            separator = ",";
        }
        return b.append("]}").toString();
    }

    static String quote(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }
}
