package io.tradingswarm.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns aligned the way kubectl aligns them (Go's tabwriter with kubectl's settings: cells at
 * least 6 wide, 3 spaces of padding, the last column unpadded).
 */
public final class Table {
    private static final int MIN_WIDTH = 6;
    private static final int PADDING = 3;

    private final List<String[]> rows = new ArrayList<>();
    private final String indent;

    public Table(String... header) {
        this.indent = "";
        rows.add(header);
    }

    private Table(String indent, String[] header) {
        this.indent = indent;
        rows.add(header);
    }

    /** A table whose every line starts with {@code indent}. */
    public static Table indented(String indent, String... header) {
        return new Table(indent, header);
    }

    public Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null || cells[i].toString().isEmpty() ? "" : cells[i].toString();
        }
        rows.add(r);
        return this;
    }

    public int size() {
        return rows.size() - 1;
    }

    public String render() {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < r.length - 1; i++) {
                width[i] = Math.max(width[i], Math.max(MIN_WIDTH, r[i].codePointCount(0, r[i].length()) + PADDING));
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]);
                if (i < r.length - 1) {
                    line.append(" ".repeat(width[i] - r[i].codePointCount(0, r[i].length())));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
