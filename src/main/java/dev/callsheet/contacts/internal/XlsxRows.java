package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Spreadsheet;
import dev.callsheet.contacts.Spreadsheet.Limits;
import dev.callsheet.contacts.Spreadsheet.NotASpreadsheet;
import dev.callsheet.contacts.Spreadsheet.Problem;
import dev.callsheet.contacts.Spreadsheet.Row;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The first sheet of an XLSX workbook as a stream of rows: POI's SAX sheet reader runs on a thread
 * of its own and hands rows over through a short queue, so that callers can pull rows one by one.
 * Memory stays bounded: the workbook is never built, shared strings live in a temporary file, no
 * text node is kept past the cell length limit, and the ZIP is read with POI's guards against
 * archives that inflate far more than real workbooks do.
 */
public final class XlsxRows implements Spreadsheet.RowReader {

    /** The largest part of a workbook read, uncompressed; POI refuses a part that inflates past it. */
    static final long MAX_ENTRY_SIZE = Integer.MAX_VALUE;

    static {
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
        // POI's default: an entry that inflates to more than 100 times its compressed size is a bomb.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxFileCount(10_000);
    }

    private static final Object END = new Object();
    private static final java.time.Duration ABANDONED = java.time.Duration.ofMinutes(10);

    private record Failure(Throwable cause) {
    }

    /** Thrown inside the reader thread when the consumer has closed the reader. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(512);
    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final Limits limits;
    private volatile boolean closed;
    private Object next;
    private boolean done;

    private XlsxRows(OPCPackage pkg, XSSFReader reader, Limits limits) {
        this.pkg = pkg;
        this.reader = reader;
        this.limits = limits;
    }

    public static XlsxRows open(Path file, Limits limits) throws IOException {
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OpenXML4JException | RuntimeException e) {
            throw new NotASpreadsheet("the file is not a readable XLSX workbook");
        }
        try {
            XlsxRows rows = new XlsxRows(pkg, new XSSFReader(pkg), limits);
            Thread thread = new Thread(rows::produce, "xlsx-reader");
            thread.setDaemon(true);
            thread.start();
            return rows;
        } catch (OpenXML4JException | RuntimeException e) {
            pkg.revert();
            throw new NotASpreadsheet("the file is not a readable XLSX workbook");
        }
    }

    private void produce() {
        FileSharedStrings strings = null;
        try {
            List<PackagePart> parts = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (parts.isEmpty()) {
                strings = FileSharedStrings.empty();
            } else {
                try (InputStream in = parts.get(0).getInputStream()) {
                    strings = FileSharedStrings.read(in, limits.maxCellLength());
                }
            }
            StylesTable styles = reader.getStylesTable();
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                put(END);
                return;
            }
            try (InputStream sheet = sheets.next()) {
                XMLReader xml = XMLHelper.newXMLReader();
                xml.setContentHandler(new CappedText(new XSSFSheetXMLHandler(styles, strings, new Rows(),
                        new DataFormatter(), false), limits.maxCellLength() + 1));
                xml.parse(new InputSource(sheet));
            }
            put(END);
        } catch (Stop stop) {
            // the consumer has had enough
        } catch (Throwable e) {
            Throwable cause = e instanceof SAXException sax && sax.getCause() instanceof Stop ? sax.getCause() : e;
            if (!(cause instanceof Stop)) {
                queue.clear();
                try {
                    put(new Failure(e));
                } catch (Stop ignored) {
                    // closed meanwhile
                }
            }
        } finally {
            if (strings != null) {
                strings.close();
            }
            pkg.revert();
        }
    }

    private void put(Object item) {
        long giveUp = System.nanoTime() + ABANDONED.toNanos();
        try {
            // A reader nobody takes rows from (a caller that stopped without closing it) ends on its own.
            while (!closed && System.nanoTime() < giveUp) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new Stop();
    }

    @Override
    public boolean hasNext() {
        if (done) {
            return false;
        }
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the workbook", e);
            }
        }
        if (next == END) {
            done = true;
            return false;
        }
        if (next instanceof Failure failure) {
            done = true;
            Throwable cause = failure.cause();
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof NotASpreadsheet unreadable) {
                throw new UncheckedIOException(unreadable);
            }
            throw new UncheckedIOException(new NotASpreadsheet("the workbook could not be read: it is damaged "
                    + "or holds more than a workbook should"));
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = (Row) next;
        next = null;
        return row;
    }

    @Override
    public void close() {
        closed = true;
        done = true;
        queue.clear();
    }

    /** Collects each row's cells, gaps filled, and hands on the rows that hold anything. */
    private final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private List<String> cells;
        private Problem problem;
        private int row;

        @Override
        public void startRow(int rowNum) {
            if (closed) {
                throw new Stop();
            }
            cells = new ArrayList<>();
            problem = null;
            row = rowNum + 1;
        }

        @Override
        public void endRow(int rowNum) {
            if (cells.stream().anyMatch(v -> !v.isBlank())) {
                put(new Row(row, cells, problem != null ? problem : Cells.problem(cells)));
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column >= limits.maxColumns()) {
                problem = problem == null ? Problem.TOO_MANY_COLUMNS : problem;
                return;
            }
            while (cells.size() < column) {
                cells.add("");
            }
            String text = value == null ? "" : value;
            if (text.length() > limits.maxCellLength()) {
                text = text.substring(0, limits.maxCellLength());
                problem = problem == null ? Problem.CELL_TOO_LONG : problem;
            }
            if (column < cells.size()) {
                cells.set(column, text);
            } else {
                cells.add(text);
            }
        }
    }

    /** Passes SAX events on, dropping the text of an element past {@code max} characters. */
    private static final class CappedText extends DefaultHandler {
        private final ContentHandler delegate;
        private final int max;
        private int length;

        CappedText(ContentHandler delegate, int max) {
            this.delegate = delegate;
            this.max = max;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            length = 0;
            delegate.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            length = 0;
            delegate.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int count) throws SAXException {
            int keep = Math.min(count, max - length);
            if (keep > 0) {
                delegate.characters(ch, start, keep);
                length += keep;
            }
        }

        @Override
        public void startDocument() throws SAXException {
            delegate.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            delegate.endDocument();
        }
    }
}
