package io.altostratus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the fleet table judges its rows against the targets, and what it writes as JSON. */
class FleetTableTest {
    private static final String ROW = "first page";

    @Test
    void aTargetIsJudgedAtItsOwnSize() {
        FleetTable table = new FleetTable("store", List.of(1_000, 10_000, 100_000));
        table.row(ROW, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k", 100_000, 50));
        table.put(ROW, 1_000, FleetTable.Cell.of(5));
        table.put(ROW, 10_000, FleetTable.Cell.of(40));
        table.put(ROW, 100_000, FleetTable.Cell.of(51));

        assertThat(table.json()).contains("\"verdict\":\"MISS\"");
    }

    @Test
    void aRunShortOfTheTargetsSizeIsJudgedAtItsLargestAndSaysSo() {
        FleetTable table = new FleetTable("store", List.of(1_000, 10_000));
        table.row(ROW, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k", 100_000, 50));
        table.put(ROW, 1_000, FleetTable.Cell.of(500));
        table.put(ROW, 10_000, FleetTable.Cell.of(20));

        assertThat(table.json()).contains("\"verdict\":\"PASS at 10,000\"");
    }

    @Test
    void aFailedMeasurementIsNeverJudgedAndKeepsItsReason() {
        FleetTable table = new FleetTable("store", List.of(1_000, 10_000));
        table.row(ROW, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 10k", 10_000, 50));
        table.put(ROW, 1_000, FleetTable.Cell.of(20));
        table.put(ROW, 10_000, FleetTable.Cell.failed("held 999 items, not 1000"));

        String json = table.json();

        assertThat(json).contains("\"verdict\":\"PASS at 1,000\"").contains("\"median\":null")
                .contains("held 999 items, not 1000");
    }

    @Test
    void aRowWithNoFigureHasNoVerdict() {
        FleetTable table = new FleetTable("store", List.of(1_000));
        table.row(ROW, "ms", 1, FleetTable.Goal.atMost("<= 50 ms at 100k", 100_000, 50));

        assertThat(table.json()).contains("\"verdict\":\"-\"");
    }

    @Test
    void aRelativeTargetSeesTheWholeRow() {
        FleetTable table = new FleetTable("store", List.of(1_000, 100_000));
        table.row("launches", "1/s", 0, new FleetTable.Goal("within 20%", 100_000,
                (value, row) -> row.containsKey(1_000) ? value >= 0.8 * row.get(1_000).median() : null));
        table.put("launches", 1_000, FleetTable.Cell.of(1000));
        table.put("launches", 100_000, FleetTable.Cell.of(790));

        assertThat(table.json()).contains("\"verdict\":\"MISS\"");
    }

    @Test
    void aRelativeTargetWithoutItsReferenceHasNoVerdict() {
        FleetTable table = new FleetTable("store", List.of(10_000));
        table.row("launches", "1/s", 0, new FleetTable.Goal("within 20%", 100_000,
                (value, row) -> row.containsKey(1_000) ? value >= 0.8 * row.get(1_000).median() : null));
        table.put("launches", 10_000, FleetTable.Cell.of(790));

        assertThat(table.json()).contains("\"verdict\":\"-\"");
    }

    @Test
    void textInTheJsonIsEscaped() {
        assertThat(FleetTable.quote("a \"b\"\n\\c\u0001")).isEqualTo("\"a \\\"b\\\"\\n\\\\c\\u0001\"");
    }

    @Test
    void theSameNoteIsKeptOnce() {
        FleetTable table = new FleetTable("store", List.of(1_000));
        table.note("no heap figure");
        table.note("no heap figure");

        assertThat(table.json()).endsWith("\"notes\":[\"no heap figure\"]}");
    }
}
