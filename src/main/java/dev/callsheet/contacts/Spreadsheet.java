package dev.callsheet.contacts;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;
import dev.callsheet.contacts.internal.CsvRows;
import dev.callsheet.contacts.internal.FileKinds;
import dev.callsheet.contacts.internal.XlsxRows;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A CSV or XLSX file read as a stream of rows of text, never whole: memory stays bounded by the
 * limits whatever the file holds. CSV: the delimiter is detected (comma, semicolon, tab, pipe), and
 * the encoding from a byte-order mark or by ICU's detector among those real files come in (UTF-8,
 * UTF-16, Windows-1251, KOI8-R, EUC-KR, ISO-8859-x, Windows-125x), unless the caller names it.
 * XLSX: the first sheet, cells as Excel displays them, read with POI's SAX reader. A file that is
 * neither (a binary, an archive, a document) is refused from its first bytes.
 *
 * <p>A row that cannot be read as it should (a control character, bytes that are not text in the
 * file's encoding, a cell over the length limit, broken quoting, another delimiter) comes with its
 * {@link Row#problem()} so the caller can reject that row alone.
 */
public final class Spreadsheet {

    /** What a reader keeps to: columns per row and characters per cell. */
    public record Limits(int maxColumns, int maxCellLength) {

        public static final Limits DEFAULT = new Limits(500, 32_767);

        /** The longest physical line a CSV reader holds, past which the rest of the line is skipped. */
        public int maxLineLength() {
            return (int) Math.min(Integer.MAX_VALUE / 4, Math.max(1_000_000L, (long) maxCellLength * 8));
        }
    }

    /**
     * One row: its cells, the number of the row in the file (1 for the first line or sheet row), and
     * why it cannot be imported, or null.
     */
    public record Row(int line, List<String> cells, Problem problem) {
    }

    /** Why a row cannot be imported as it is; {@link #reason()} is stored with the rejected row. */
    public enum Problem {
        CONTROL_CHARACTER("a cell holds a control character (such as NUL)"),
        ENCODING("the row holds bytes that are not valid text in the file's encoding"),
        CELL_TOO_LONG("a cell is longer than the limit"),
        TOO_MANY_COLUMNS("the row has more columns than the limit"),
        UNBALANCED_QUOTE("the row has a quote that is not closed"),
        OTHER_DELIMITER("the row is separated by another delimiter than the rest of the file");

        private final String reason;

        Problem(String reason) {
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** A file that is not a spreadsheet at all; the message says what it looks like, for the user. */
    public static final class NotASpreadsheet extends IOException {
        public NotASpreadsheet(String message) {
            super(message);
        }
    }

    /** Rows read one by one; close it to release the file (and, for XLSX, the reader thread). */
    public interface RowReader extends Iterator<Row>, Closeable {
        @Override
        void close();
    }

    private static final Set<String> EXPECTED = Set.of("UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "KOI8-R",
            "EUC-KR", "ISO-8859-1", "ISO-8859-2", "ISO-8859-5", "ISO-8859-9", "windows-1250", "windows-1252");
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private final Path file;
    private final String format;
    private final Charset charset;
    private final char delimiter;
    private final Limits limits;

    private Spreadsheet(Path file, String format, Charset charset, char delimiter, Limits limits) {
        this.file = file;
        this.format = format;
        this.charset = charset;
        this.delimiter = delimiter;
        this.limits = limits;
    }

    /** @param encoding a charset name overriding detection, or null */
    public static Spreadsheet open(Path file, String encoding) throws IOException {
        return open(file, encoding, Limits.DEFAULT);
    }

    /**
     * Opens the file after looking at its first bytes.
     *
     * @throws NotASpreadsheet when the bytes say it is a binary, an archive or a document
     */
    public static Spreadsheet open(Path file, String encoding, Limits limits) throws IOException {
        byte[] head = head(file, 64 * 1024);
        Charset named = encoding != null && !encoding.isBlank() ? Charset.forName(encoding.strip()) : null;
        FileKinds.Kind kind = FileKinds.of(file, head, named);
        if (kind == FileKinds.Kind.XLSX) {
            return new Spreadsheet(file, "XLSX", null, ',', limits);
        }
        Charset charset = named != null ? named : kind == FileKinds.Kind.UTF16LE ? StandardCharsets.UTF_16LE
                : kind == FileKinds.Kind.UTF16BE ? StandardCharsets.UTF_16BE : detect(head);
        String sample = new String(head, charset);
        return new Spreadsheet(file, "CSV", charset, delimiter(sample), limits);
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

    /** Rows one by one, the header first, each with its problem if it has one. */
    public RowReader records() throws IOException {
        return format.equals("XLSX") ? XlsxRows.open(file, limits) : CsvRows.open(file, charset, delimiter, limits);
    }

    /** Every row, the header first, to {@code consumer}; stops after {@code limit} rows. */
    public void read(int limit, Consumer<List<String>> consumer) throws IOException {
        try (RowReader rows = records()) {
            int count = 0;
            while (count++ < limit && rows.hasNext()) {
                consumer.accept(rows.next().cells());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * An iterator over all rows' cells, the header first; the file is released when the last row
     * has been read.
     */
    public Iterator<List<String>> rows() throws IOException {
        RowReader records = records();
        return new Iterator<>() {
            private boolean open = true;

            @Override
            public boolean hasNext() {
                if (!open) {
                    return false;
                }
                boolean more = records.hasNext();
                if (!more) {
                    records.close();
                    open = false;
                }
                return more;
            }

            @Override
            public List<String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return records.next().cells();
            }
        };
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

    /**
     * Pure ASCII or well-formed UTF-8 (a cut multi-byte sequence at the very end is allowed), allowing
     * a few malformed sequences: one bad row must not turn a UTF-8 file into Windows-1252.
     */
    private static boolean validUtf8(byte[] bytes) {
        int i = 0;
        int bad = 0;
        int multi = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
            if (extra < 0) {
                bad++;
                i++;
                continue;
            }
            boolean ok = true;
            for (int k = 1; k <= extra; k++) {
                if (i + k >= bytes.length) {
                    return bad == 0 || (multi > 0 && bad <= Math.max(1, multi / 20));
                }
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
            }
            if (!ok) {
                bad++;
                i++;
                continue;
            }
            multi += extra > 0 ? 1 : 0;
            i += extra + 1;
        }
        return bad == 0 || (multi > 0 && bad <= Math.max(1, multi / 20));
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

    /** How many times {@code delimiter} occurs in {@code line} outside double quotes. */
    public static int outsideQuotes(String line, char delimiter) {
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

    /** The other delimiters a CSV row may have been written with. */
    public static char[] delimiters() {
        return DELIMITERS.clone();
    }

    private static byte[] head(Path file, int max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(max);
        }
    }
}
