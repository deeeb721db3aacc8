package io.altostratus.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Aligned columns for people: a header row, then one row per item; a missing value shows as {@code -}.
 *
 * @param <T> the row type
 */
public final class Table<T> {
    private record Column<T>(String header, Function<? super T, ?> value) {
    }

    private final List<Column<T>> columns = new ArrayList<>();

    public static <T> Table<T> of(Class<T> rowType) {
        return new Table<>();
    }

    public Table<T> col(String header, Function<? super T, ?> value) {
        columns.add(new Column<>(header, value));
        return this;
    }

    public void render(List<? extends T> rows, PrintWriter out) {
        List<String[]> cells = new ArrayList<>(rows.size() + 1);
        String[] header = new String[columns.size()];
        for (int c = 0; c < header.length; c++) {
            header[c] = columns.get(c).header();
        }
        cells.add(header);
        for (T row : rows) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < line.length; c++) {
                line[c] = cell(columns.get(c).value().apply(row));
            }
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] line : cells) {
            sb.setLength(0);
            for (int c = 0; c < line.length; c++) {
                if (c == line.length - 1) {
                    sb.append(line[c]);
                } else {
                    sb.append(line[c]).append(" ".repeat(widths[c] - line[c].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        String text = value.toString();
        return text.isEmpty() ? "-" : text.replaceAll("\\R", " ");
    }
}
