package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Spreadsheet;
import dev.callsheet.contacts.Spreadsheet.Limits;
import dev.callsheet.contacts.Spreadsheet.Problem;
import dev.callsheet.contacts.Spreadsheet.Row;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A CSV file read row by row (RFC 4180 quoting; a quote opens a field only at its start), with a
 * guard the usual readers lack: a quoted field may run over several lines only if it closes properly
 * within the cell length limit. An unbalanced quote therefore costs its own line — rejected — and
 * the lines after it are read again as the rows they are, instead of being swallowed into one cell.
 * Bytes that do not decode become U+FFFD and mark the row.
 */
public final class CsvRows implements Spreadsheet.RowReader {

    private final Reader in;
    private final char delimiter;
    private final Limits limits;
    private final char[] buffer = new char[64 * 1024];
    private int position;
    private int length;
    private boolean eof;
    private int lineNo;
    /** Lines read ahead while a quoted field was open, to be read again after a broken row. */
    private final Deque<Line> replay = new ArrayDeque<>();
    private Integer expectedColumns;
    private Row next;

    private record Line(int no, String text, boolean tooLong) {
    }

    private CsvRows(Reader in, char delimiter, Limits limits) {
        this.in = in;
        this.delimiter = delimiter;
        this.limits = limits;
    }

    public static CsvRows open(Path file, Charset charset, char delimiter, Limits limits) throws IOException {
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new CsvRows(new InputStreamReader(Files.newInputStream(file), decoder), delimiter, limits);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was written
        }
    }

    private Row read() throws IOException {
        Line first;
        do {
            first = line();
            if (first == null) {
                return null;
            }
        } while (first.text().isEmpty() && !first.tooLong());
        List<Line> consumed = new ArrayList<>();
        consumed.add(first);
        List<String> cells = new ArrayList<>();
        Problem problem = first.tooLong() ? Problem.CELL_TOO_LONG : null;
        StringBuilder cell = new StringBuilder();
        String text = first.text();
        int i = 0;
        boolean fieldStart = true;
        boolean quoted = false;
        boolean tooManyColumns = false;
        while (true) {
            if (i >= text.length()) {
                if (quoted) {
                    Line more = cell.length() > limits.maxCellLength() ? null : line();
                    if (more == null) {
                        return broken(consumed);
                    }
                    consumed.add(more);
                    cell.append('\n');
                    text = more.text();
                    i = 0;
                    continue;
                }
                problem = add(cells, cell, problem);
                break;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                        if (consumed.size() > 1 && i < text.length() && text.charAt(i) != delimiter) {
                            // A quote closed on a later line by something that is not the end of a field:
                            // the opening quote was a stray one.
                            return broken(consumed);
                        }
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == delimiter) {
                problem = add(cells, cell, problem);
                fieldStart = true;
                continue;
            } else if (c == '"' && fieldStart && cell.isEmpty()) {
                quoted = true;
            } else {
                cell.append(c);
            }
            fieldStart = false;
            if (cells.size() >= limits.maxColumns()) {
                tooManyColumns = true;
            }
        }
        if (tooManyColumns || cells.size() > limits.maxColumns()) {
            cells = new ArrayList<>(cells.subList(0, Math.min(cells.size(), limits.maxColumns())));
            problem = problem == null ? Problem.TOO_MANY_COLUMNS : problem;
        }
        if (expectedColumns == null) {
            expectedColumns = cells.size();
        } else if (problem == null && otherDelimiter(first.text(), cells.size())) {
            problem = Problem.OTHER_DELIMITER;
        }
        return new Row(first.no(), cells, problem == null ? Cells.problem(cells) : problem);
    }

    /** The first line alone, rejected; the lines read after it go back to be read as rows of their own. */
    private Row broken(List<Line> consumed) {
        for (int k = consumed.size() - 1; k >= 1; k--) {
            replay.addFirst(consumed.get(k));
        }
        Line first = consumed.get(0);
        List<String> cells = new ArrayList<>();
        String text = first.text().length() > limits.maxCellLength() ? first.text().substring(0, limits.maxCellLength())
                : first.text();
        cells.add(text);
        if (expectedColumns == null) {
            expectedColumns = 1;
        }
        return new Row(first.no(), cells, Problem.UNBALANCED_QUOTE);
    }

    private Problem add(List<String> cells, StringBuilder cell, Problem problem) {
        Problem found = problem;
        if (cell.length() > limits.maxCellLength()) {
            cell.setLength(limits.maxCellLength());
            found = found == null ? Problem.CELL_TOO_LONG : found;
        }
        if (cells.size() < limits.maxColumns() + 1) {
            cells.add(cell.toString());
        }
        cell.setLength(0);
        return found;
    }

    /** Fewer fields than the header, where another delimiter would give about as many as the header has. */
    private boolean otherDelimiter(String line, int fields) {
        if (fields >= expectedColumns || expectedColumns < 2) {
            return false;
        }
        for (char other : Spreadsheet.delimiters()) {
            if (other != delimiter && Spreadsheet.outsideQuotes(line, other) + 1 >= Math.max(2, expectedColumns - 1)
                    && Spreadsheet.outsideQuotes(line, other) + 1 > fields) {
                return true;
            }
        }
        return false;
    }

    /** The next physical line without its end (LF, CR LF or CR), or null at the end of the file. */
    private Line line() throws IOException {
        if (!replay.isEmpty()) {
            return replay.removeFirst();
        }
        StringBuilder text = new StringBuilder();
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position >= length) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                if (position >= length && !eof) {
                    fill();
                }
                if (position < length && buffer[position] == '\n') {
                    position++;
                }
                break;
            }
            if (c == '\uFEFF' && lineNo == 0 && text.isEmpty()) {
                continue;
            }
            if (text.length() < limits.maxLineLength()) {
                text.append(c);
            } else {
                tooLong = true;
            }
        }
        lineNo++;
        return new Line(lineNo, text.toString(), tooLong);
    }

    private boolean fill() throws IOException {
        int read = in.read(buffer, 0, buffer.length);
        if (read < 0) {
            eof = true;
            length = 0;
            position = 0;
            return false;
        }
        position = 0;
        length = read;
        return read > 0 || fill();
    }
}
