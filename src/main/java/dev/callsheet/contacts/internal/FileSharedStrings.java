package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Spreadsheet.NotASpreadsheet;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A workbook's shared strings kept in a temporary file, not on the heap: a sheet of a million rows
 * has millions of them. Only their offsets stay in memory (4 bytes each); each string is cut to the
 * cell length limit as it is read.
 */
final class FileSharedStrings implements SharedStrings, Closeable {

    private final Path file;
    private final int[] offsets;
    private final int count;
    private final int size;
    private final MappedByteBuffer bytes;

    private FileSharedStrings(Path file, int[] offsets, int count, int size) throws IOException {
        this.file = file;
        this.offsets = offsets;
        this.count = count;
        this.size = size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            this.bytes = size == 0 ? null : channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    static FileSharedStrings empty() throws IOException {
        return new FileSharedStrings(Files.createTempFile("callsheet-strings-", ".bin"), new int[0], 0, 0);
    }

    static FileSharedStrings read(InputStream xml, int maxLength) throws IOException {
        Path file = Files.createTempFile("callsheet-strings-", ".bin");
        Collector collector = new Collector(maxLength);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            collector.out = out;
            XMLReader reader = XMLHelper.newXMLReader();
            reader.setContentHandler(collector);
            reader.parse(new InputSource(xml));
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        } catch (Exception e) {
            Files.deleteIfExists(file);
            throw new NotASpreadsheet("the workbook's text could not be read");
        }
        return new FileSharedStrings(file, collector.offsets, collector.count, (int) collector.position);
    }

    @Override
    public RichTextString getItemAt(int idx) {
        if (idx < 0 || idx >= count) {
            return new Plain("");
        }
        int start = offsets[idx];
        int end = idx + 1 < count ? offsets[idx + 1] : size;
        byte[] text = new byte[end - start];
        bytes.get(start, text);
        return new Plain(new String(text, StandardCharsets.UTF_8));
    }

    @Override
    public int getCount() {
        return count;
    }

    @Override
    public int getUniqueCount() {
        return count;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system cleans it
        }
    }

    /** Collects the text of each {@code <si>}, leaving out phonetic runs. */
    private static final class Collector extends DefaultHandler {
        private final int maxLength;
        private final StringBuilder text = new StringBuilder();
        private OutputStream out;
        private int[] offsets = new int[1024];
        private int count;
        private long position;
        private boolean inText;
        private int phonetic;

        Collector(int maxLength) {
            this.maxLength = maxLength + 1;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (local(localName, qName)) {
                case "si" -> text.setLength(0);
                case "rPh" -> phonetic++;
                case "t" -> inText = phonetic == 0;
                default -> { }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws org.xml.sax.SAXException {
            switch (local(localName, qName)) {
                case "t" -> inText = false;
                case "rPh" -> phonetic--;
                case "si" -> write();
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inText && text.length() < maxLength) {
                text.append(ch, start, Math.min(length, maxLength - text.length()));
            }
        }

        private void write() throws org.xml.sax.SAXException {
            byte[] utf8 = text.toString().getBytes(StandardCharsets.UTF_8);
            if (position + utf8.length > Integer.MAX_VALUE) {
                throw new org.xml.sax.SAXException("too much text");
            }
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[count++] = (int) position;
            try {
                out.write(utf8);
            } catch (IOException e) {
                throw new org.xml.sax.SAXException(e);
            }
            position += utf8.length;
        }

        private static String local(String localName, String qName) {
            if (localName != null && !localName.isEmpty()) {
                return localName;
            }
            int colon = qName.indexOf(':');
            return colon < 0 ? qName : qName.substring(colon + 1);
        }
    }

    /** The text alone: the sheet reader only asks for the string, and POI's rich text costs an XML object per cell. */
    private record Plain(String getString) implements RichTextString {
        @Override
        public void applyFont(int startIndex, int endIndex, short fontIndex) {
        }

        @Override
        public void applyFont(int startIndex, int endIndex, Font font) {
        }

        @Override
        public void applyFont(Font font) {
        }

        @Override
        public void clearFormatting() {
        }

        @Override
        public int length() {
            return getString.length();
        }

        /** What POI's sheet reader takes as the cell's text. */
        @Override
        public String toString() {
            return getString;
        }

        @Override
        public int numFormattingRuns() {
            return 0;
        }

        @Override
        public int getIndexOfFormattingRun(int index) {
            return 0;
        }

        @Override
        public void applyFont(short fontIndex) {
        }
    }
}
