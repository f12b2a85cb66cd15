package dev.callsheet.deals.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.callsheet.deals.Commissions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The payout report as a spreadsheet: totals per person and currency, then every ledger line. */
final class PayoutExport {

    private static final String[] TOTALS = {"username", "name", "currency", "won", "reversed", "total", "lines"};
    private static final String[] LINES = {"period", "username", "name", "share", "kind", "amount", "currency",
        "deal", "dealId", "at"};

    private PayoutExport() {
    }

    static String csv(List<Commissions.Payout> totals, List<Commissions.Entry> lines) {
        StringWriter out = new StringWriter();
        try (CsvWriter csv = CsvWriter.builder().build(out)) {
            csv.writeRecord(TOTALS);
            for (Commissions.Payout p : totals) {
                csv.writeRecord(total(p));
            }
            csv.writeRecord("");
            csv.writeRecord(LINES);
            for (Commissions.Entry e : lines) {
                csv.writeRecord(line(e));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static byte[] xlsx(List<Commissions.Payout> totals, List<Commissions.Entry> lines) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Payout");
            write(sheet.createRow(0), TOTALS);
            int r = 1;
            for (Commissions.Payout p : totals) {
                Row row = sheet.createRow(r++);
                write(row, total(p));
                row.getCell(3).setCellValue(p.won().doubleValue());
                row.getCell(4).setCellValue(p.reversed().doubleValue());
                row.getCell(5).setCellValue(p.total().doubleValue());
                row.getCell(6).setCellValue(p.lines());
            }
            Sheet ledger = book.createSheet("Ledger");
            write(ledger.createRow(0), LINES);
            r = 1;
            for (Commissions.Entry e : lines) {
                Row row = ledger.createRow(r++);
                write(row, line(e));
                row.getCell(5).setCellValue(e.amount().doubleValue());
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Row row, String[] values) {
        for (int i = 0; i < values.length; i++) {
            row.createCell(i).setCellValue(values[i]);
        }
    }

    private static String[] total(Commissions.Payout p) {
        return new String[] {p.person().username(), p.person().displayName(), p.currency(), p.won().toPlainString(),
            p.reversed().toPlainString(), p.total().toPlainString(), String.valueOf(p.lines())};
    }

    private static String[] line(Commissions.Entry e) {
        return new String[] {e.period(), e.person().username(), e.person().displayName(), e.share(), e.kind(),
            e.amount().toPlainString(), e.currency(), e.deal() == null ? "" : e.deal(), e.dealId().toString(),
            e.at().toString()};
    }
}
