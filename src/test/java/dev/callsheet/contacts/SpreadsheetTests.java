package dev.callsheet.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming readers on their own: rows, their problems, and what a broken row leaves intact. */
class SpreadsheetTests {

    @TempDir
    Path dir;

    private List<Spreadsheet.Row> rows(String name, byte[] content) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, content);
        List<Spreadsheet.Row> rows = new ArrayList<>();
        try (Spreadsheet.RowReader reader = Spreadsheet.open(file, null, new Spreadsheet.Limits(10, 50)).records()) {
            reader.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Test
    void sharedStringsOfAStreamedWorkbookAreReadBack() throws Exception {
        Path file = dir.resolve("shared.xlsx");
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(null, 10, true, true); OutputStream out = Files.newOutputStream(file)) {
            var sheet = workbook.createSheet("Leads");
            for (int r = 0; r < 100; r++) {
                var row = sheet.createRow(r);
                row.createCell(0).setCellValue(r == 0 ? "name" : "Kari " + r);
                row.createCell(2).setCellValue(r == 0 ? "phone" : "+47 4%07d".formatted(r));
            }
            workbook.write(out);
        }
        List<Spreadsheet.Row> rows = new ArrayList<>();
        try (Spreadsheet.RowReader reader = Spreadsheet.open(file, null).records()) {
            reader.forEachRemaining(rows::add);
        }
        assertThat(rows).hasSize(100);
        assertThat(rows.get(0).cells()).containsExactly("name", "", "phone");
        assertThat(rows.get(99).cells()).containsExactly("Kari 99", "", "+47 40000099");
        assertThat(rows.get(99).problem()).isNull();
    }

    @Test
    void anUnbalancedQuoteIsRejectedAloneAndTheNextLinesAreRowsOfTheirOwn() throws Exception {
        List<Spreadsheet.Row> rows = rows("q.csv", "name,phone\n\"Ola,1\nKari,2\n\"Per\",3\nLiv,\"4\nline\"\n"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(rows).extracting(Spreadsheet.Row::problem).containsExactly(null,
                Spreadsheet.Problem.UNBALANCED_QUOTE, null, null, null);
        assertThat(rows.get(2).cells()).containsExactly("Kari", "2");
        assertThat(rows.get(3).cells()).containsExactly("Per", "3");
        assertThat(rows.get(4).cells()).as("a quoted line break that closes is a cell").containsExactly("Liv", "4\nline");
    }

    @Test
    void controlCharactersBadBytesLongCellsAndOtherDelimitersMarkTheirRow() throws Exception {
        byte[] bad = "name,phone,city\nA\u0001B,1,Oslo\nC,2,Oslo\nX;3;Oslo\n".getBytes(StandardCharsets.UTF_8);
        List<Spreadsheet.Row> rows = rows("c.csv", bad);
        assertThat(rows).extracting(Spreadsheet.Row::problem).containsExactly(null,
                Spreadsheet.Problem.CONTROL_CHARACTER, null, Spreadsheet.Problem.OTHER_DELIMITER);
        assertThat(rows("l.csv", ("name\n" + "x".repeat(51) + "\nok\n").getBytes(StandardCharsets.UTF_8)))
                .extracting(Spreadsheet.Row::problem).containsExactly(null, Spreadsheet.Problem.CELL_TOO_LONG, null);
        java.io.ByteArrayOutputStream utf8 = new java.io.ByteArrayOutputStream();
        utf8.writeBytes("name\nÅse\nÅ".getBytes(StandardCharsets.UTF_8));
        utf8.write(0xFF);
        utf8.writeBytes("e\nØyvind\n".getBytes(StandardCharsets.UTF_8));
        assertThat(rows("e.csv", utf8.toByteArray())).extracting(Spreadsheet.Row::problem).containsExactly(null, null,
                Spreadsheet.Problem.ENCODING, null);
    }
}
