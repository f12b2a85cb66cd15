package dev.callsheet.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Any report as a download: one or more tables as CSV (tables one after another, a blank line
 * between) or as an XLSX workbook (a sheet each, numbers as numbers). The one writer of every
 * export: a text cell that a spreadsheet would read as a formula (it starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return) is written with a leading single
 * quote, OWASP's rule against CSV injection, in CSV and XLSX alike; numbers stay numbers.
 */
public final class Sheets {

    /** One table: its name (the sheet's), its column names and its rows; cells are text, numbers or null. */
    public record Sheet(String name, List<String> header, List<List<Object>> rows) {
    }

    public static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private Sheets() {
    }

    /**
     * The answer to a report request in the format asked for: {@code json} (the default), {@code csv}
     * or {@code xlsx}; anything else is a 400 naming {@code format}.
     */
    public static ResponseEntity<?> respond(String format, String fileName, Supplier<Object> json,
            Supplier<List<Sheet>> sheets) {
        String wanted = format == null || format.isBlank() ? "json" : format.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (wanted) {
            case "json" -> ResponseEntity.ok(json.get());
            case "csv" -> ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName, ".csv"))
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .body(csv(sheets.get()));
            case "xlsx" -> ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, attachment(fileName, ".xlsx"))
                    .contentType(XLSX)
                    .body(xlsx(sheets.get()));
            default -> throw ApiProblem.badRequest("format", "format must be json, csv or xlsx");
        };
    }

    /** The download's header: letters, digits, dots and dashes only, so no name can break or add a header. */
    private static String attachment(String fileName, String extension) {
        String safe = fileName.replaceAll("[^\\p{L}\\p{N}._-]+", "-");
        ContentDisposition.Builder header = ContentDisposition.attachment();
        return (safe.chars().allMatch(c -> c < 128) ? header.filename(safe + extension)
                : header.filename(safe + extension, StandardCharsets.UTF_8)).build().toString();
    }

    public static String csv(List<Sheet> sheets) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            boolean first = true;
            for (Sheet sheet : sheets) {
                if (!first) {
                    csv.writeRecord("");
                }
                first = false;
                csv.writeRecord(sheet.header().stream().map(Sheets::safe).toList());
                for (List<Object> row : sheet.rows()) {
                    csv.writeRecord(row.stream().map(Sheets::cell).toList());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static byte[] xlsx(List<Sheet> sheets) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (Sheet table : sheets) {
                XSSFSheet sheet = book.createSheet(org.apache.poi.ss.util.WorkbookUtil.createSafeSheetName(table.name()));
                Row head = sheet.createRow(0);
                for (int c = 0; c < table.header().size(); c++) {
                    head.createCell(c).setCellValue(safe(table.header().get(c)));
                }
                int r = 1;
                for (List<Object> values : table.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < values.size(); c++) {
                        set(row.createCell(c), values.get(c));
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(Cell cell, Object value) {
        if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
        } else if (value != null) {
            cell.setCellValue(safe(text(value)));
        }
    }

    /** A CSV cell: a number as written, text neutralised. */
    private static String cell(Object value) {
        return value instanceof Number ? text(value) : safe(text(value));
    }

    /**
     * Text as a spreadsheet will not run it: a leading {@code '} before {@code = + - @}, tab or carriage
     * return, so {@code =HYPERLINK(...)} or {@code -2+3} is shown as typed, never evaluated.
     */
    public static String safe(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
