package dev.callsheet.contacts;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A CSV or XLSX file read as rows of text. CSV: the delimiter is detected (comma, semicolon,
 * tab, pipe), and the encoding from a byte-order mark or by ICU's detector among those real
 * files come in (UTF-8, UTF-16, Windows-1251, KOI8-R, EUC-KR, ISO-8859-x, Windows-125x),
 * unless the caller names it. XLSX: the first sheet, cells as Excel displays them.
 */
public final class Spreadsheet {

    private static final Set<String> EXPECTED = Set.of("UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "KOI8-R",
            "EUC-KR", "ISO-8859-1", "ISO-8859-2", "ISO-8859-5", "ISO-8859-9", "windows-1250", "windows-1252");
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private final Path file;
    private final String format;
    private final Charset charset;
    private final char delimiter;

    private Spreadsheet(Path file, String format, Charset charset, char delimiter) {
        this.file = file;
        this.format = format;
        this.charset = charset;
        this.delimiter = delimiter;
    }

    /** @param encoding a charset name overriding detection, or null */
    public static Spreadsheet open(Path file, String encoding) throws IOException {
        byte[] head = head(file, 64 * 1024);
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return new Spreadsheet(file, "XLSX", null, ',');
        }
        Charset charset = encoding != null && !encoding.isBlank() ? Charset.forName(encoding.strip()) : detect(head);
        String sample = new String(head, charset);
        return new Spreadsheet(file, "CSV", charset, delimiter(sample));
    }

    public String format() {
        return format;
    }

    public String encoding() {
        return charset == null ? null : charset.name();
    }

    public String delimiter() {
        return format.equals("CSV") ? String.valueOf(delimiter) : null;
    }

    /** Every row, the header first, to {@code consumer}; stops early when it returns after {@code limit} rows. */
    public void read(int limit, Consumer<List<String>> consumer) throws IOException {
        if (format.equals("XLSX")) {
            readXlsx(limit, consumer);
            return;
        }
        try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).allowUnclosedQuote(true)
                .allowExtraCharsAfterClosingQuote(true).detectBomHeader(true).ofCsvRecord(file, charset)) {
            int count = 0;
            for (CsvRecord record : csv) {
                if (count++ >= limit) {
                    return;
                }
                consumer.accept(record.getFields());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** An iterator over all rows, the header first (for streaming imports). */
    public Iterator<List<String>> rows() throws IOException {
        if (format.equals("XLSX")) {
            List<List<String>> all = new ArrayList<>();
            readXlsx(Integer.MAX_VALUE, all::add);
            return all.iterator();
        }
        CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true).allowUnclosedQuote(true)
                .allowExtraCharsAfterClosingQuote(true).detectBomHeader(true).ofCsvRecord(file, charset);
        Iterator<CsvRecord> records = csv.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = records.hasNext();
                if (!more) {
                    try {
                        csv.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return more;
            }

            @Override
            public List<String> next() {
                return records.next().getFields();
            }
        };
    }

    private void readXlsx(int limit, Consumer<List<String>> consumer) throws IOException {
        DataFormatter formatter = new DataFormatter();
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
            Sheet sheet = workbook.getSheetAt(0);
            int count = 0;
            for (Row row : sheet) {
                if (count >= limit) {
                    return;
                }
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                    var cell = row.getCell(c);
                    cells.add(cell == null ? "" : formatter.formatCellValue(cell));
                }
                if (cells.stream().anyMatch(v -> !v.isBlank())) {
                    consumer.accept(cells);
                    count++;
                }
            }
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException("not a readable XLSX file: " + e.getMessage(), e);
        }
    }

    static Charset detect(byte[] head) {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (validUtf8(head)) {
            return StandardCharsets.UTF_8;
        }
        CharsetDetector detector = new CharsetDetector();
        detector.setText(head);
        for (CharsetMatch match : detector.detectAll()) {
            if (EXPECTED.contains(match.getName()) && Charset.isSupported(match.getName())) {
                return Charset.forName(match.getName());
            }
        }
        return Charset.forName("windows-1252");
    }

    /** Pure ASCII or well-formed UTF-8 (a cut multi-byte sequence at the very end is allowed). */
    private static boolean validUtf8(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
            if (extra < 0) {
                return false;
            }
            for (int k = 1; k <= extra; k++) {
                if (i + k >= bytes.length) {
                    return true;
                }
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }

    /** The candidate that splits the first lines into the same, largest number of fields. */
    static char delimiter(String sample) {
        String[] lines = sample.split("\r?\n", 21);
        char best = ',';
        double bestScore = -1;
        for (char candidate : DELIMITERS) {
            int[] counts = Arrays.stream(lines).limit(20).filter(l -> !l.isBlank())
                    .mapToInt(l -> outsideQuotes(l, candidate)).toArray();
            if (counts.length == 0 || counts[0] == 0) {
                continue;
            }
            long consistent = Arrays.stream(counts).filter(c -> c == counts[0]).count();
            double score = counts[0] * (consistent / (double) counts.length);
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    private static int outsideQuotes(String line, char delimiter) {
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == delimiter && !quoted) {
                count++;
            }
        }
        return count;
    }

    private static byte[] head(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }
}
