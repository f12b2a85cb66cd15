package dev.callsheet.web;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The one export writer: formula-like text is neutralised in CSV and XLSX, numbers stay numbers. */
class SheetsTests {

    private static final List<String> FORMULAS = List.of("=2+5+cmd|' /C calc'!A0", "+47 22 11 12 11", "-2+3",
            "@SUM(A1:A2)", "\tindented", "\rreturn", "=HYPERLINK(\"http://evil.test\",\"click\")");

    private static Sheets.Sheet sheet() {
        List<List<Object>> rows = FORMULAS.stream()
                .map(text -> Arrays.<Object>asList(text, -5, new BigDecimal("-12.50"), "plain", null)).toList();
        return new Sheets.Sheet("=Sheet", List.of("=name", "n", "amount", "text", "empty"), rows);
    }

    @Test
    void csvCellsThatReadAsFormulasGetALeadingQuoteAndNumbersStayAsWritten() throws Exception {
        String csv = Sheets.csv(List.of(sheet()));

        List<CsvRecord> records;
        try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(csv)) {
            records = reader.stream().toList();
        }
        assertThat(records.get(0).getFields()).containsExactly("'=name", "n", "amount", "text", "empty");
        for (int i = 0; i < FORMULAS.size(); i++) {
            List<String> fields = records.get(i + 1).getFields();
            assertThat(fields.get(0)).isEqualTo("'" + FORMULAS.get(i));
            assertThat(fields.subList(1, 5)).containsExactly("-5", "-12.50", "plain", "");
        }
    }

    @Test
    void xlsxTextCellsAreNeutralisedAndNegativeNumbersAreNumericCells() throws Exception {
        byte[] xlsx = Sheets.xlsx(List.of(sheet()));

        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("'=name");
            for (int i = 0; i < FORMULAS.size(); i++) {
                Row row = sheet.getRow(i + 1);
                assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
                assertThat(row.getCell(0).getStringCellValue()).isEqualTo("'" + FORMULAS.get(i));
                assertThat(row.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(row.getCell(1).getNumericCellValue()).isEqualTo(-5.0);
                assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(-12.5);
                assertThat(row.getCell(3).getStringCellValue()).isEqualTo("plain");
            }
        }
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertThat(Sheets.safe("Ola Nordmann")).isEqualTo("Ola Nordmann");
        assertThat(Sheets.safe("a=b")).isEqualTo("a=b");
        assertThat(Sheets.safe("")).isEmpty();
        assertThat(Sheets.safe(null)).isEmpty();
    }
}
