package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Spreadsheet.NotASpreadsheet;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What an upload is, from its bytes rather than its name: an XLSX workbook, text (UTF-16 when its
 * bytes say so), or something that is no spreadsheet — refused before it is accepted.
 */
public final class FileKinds {

    public enum Kind { XLSX, TEXT, UTF16LE, UTF16BE }

    private record Magic(byte[] bytes, String what) {
        static Magic of(String what, int... bytes) {
            byte[] b = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                b[i] = (byte) bytes[i];
            }
            return new Magic(b, what);
        }
    }

    private static final Magic[] MAGICS = {
        Magic.of("an executable (ELF)", 0x7F, 'E', 'L', 'F'),
        Magic.of("a PDF document", '%', 'P', 'D', 'F', '-'),
        Magic.of("a PNG image", 0x89, 'P', 'N', 'G'),
        Magic.of("a JPEG image", 0xFF, 0xD8, 0xFF),
        Magic.of("a GIF image", 'G', 'I', 'F', '8'),
        Magic.of("a gzip archive", 0x1F, 0x8B),
        Magic.of("a 7-Zip archive", '7', 'z', 0xBC, 0xAF, 0x27, 0x1C),
        Magic.of("a RAR archive", 'R', 'a', 'r', '!', 0x1A, 0x07),
        Magic.of("an old Excel or Office file (XLS); save it as XLSX or CSV", 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
        Magic.of("a Java class file", 0xCA, 0xFE, 0xBA, 0xBE),
        Magic.of("an executable (Mach-O)", 0xCF, 0xFA, 0xED, 0xFE),
        Magic.of("an executable (Mach-O)", 0xFE, 0xED, 0xFA, 0xCF),
        Magic.of("a WebAssembly module", 0x00, 'a', 's', 'm'),
        Magic.of("an SQLite database", 'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', 0),
        Magic.of("a bzip2 archive", 'B', 'Z', 'h', '9', '1', 'A', 'Y'),
        Magic.of("an xz archive", 0xFD, '7', 'z', 'X', 'Z', 0x00),
        Magic.of("a zstd archive", 0x28, 0xB5, 0x2F, 0xFD),
        Magic.of("an executable (Windows)", 'M', 'Z', 0x90, 0x00),
    };

    private FileKinds() {
    }

    /**
     * @param named the encoding the user chose, or null
     * @throws NotASpreadsheet saying what the file looks like when it is not a CSV or XLSX
     */
    public static Kind of(Path file, byte[] head, Charset named) throws IOException {
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6) || startsWith(head, 'P', 'K', 7, 8)) {
            requireWorkbook(file);
            return Kind.XLSX;
        }
        for (Magic magic : MAGICS) {
            if (startsWith(head, magic.bytes())) {
                throw new NotASpreadsheet("the file is " + magic.what() + ", not a CSV or XLSX spreadsheet");
            }
        }
        boolean bom16 = startsWith(head, 0xFF, 0xFE) || startsWith(head, 0xFE, 0xFF);
        boolean named16 = named != null && named.name().startsWith("UTF-16") || named != null
                && named.name().startsWith("UTF-32");
        if (bom16 || named16) {
            return Kind.TEXT;
        }
        int nulEven = 0;
        int nulOdd = 0;
        int control = 0;
        for (int i = 0; i < head.length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                if (i % 2 == 0) {
                    nulEven++;
                } else {
                    nulOdd++;
                }
            } else if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1A) || b == 0x7F) {
                control++;
            }
        }
        int pairs = head.length / 2;
        // UTF-16 without a byte-order mark: Latin text puts a zero in every other byte, and only there.
        if (pairs >= 2 && nulOdd >= pairs * 0.3 && nulEven <= pairs * 0.02) {
            return Kind.UTF16LE;
        }
        if (pairs >= 2 && nulEven >= pairs * 0.3 && nulOdd <= pairs * 0.02) {
            return Kind.UTF16BE;
        }
        int nul = nulEven + nulOdd;
        // A stray NUL or control byte in text is a bad row, rejected with its reason; many are a binary file.
        if (nul > 16 || nul + control > Math.max(16, head.length / 100)) {
            throw new NotASpreadsheet("the file is binary data, not a CSV or XLSX spreadsheet");
        }
        return Kind.TEXT;
    }

    /** A ZIP archive that is a workbook: its content types and its workbook part are there. */
    private static void requireWorkbook(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry types = zip.getEntry("[Content_Types].xml");
            ZipEntry workbook = zip.getEntry("xl/workbook.xml");
            if (types == null || workbook == null) {
                throw new NotASpreadsheet(zip.getEntry("word/document.xml") != null
                        ? "the file is a Word document, not a CSV or XLSX spreadsheet"
                        : zip.getEntry("content.xml") != null
                                ? "the file is an OpenDocument file; save it as XLSX or CSV"
                                : "the file is a ZIP archive, not an XLSX workbook");
            }
        } catch (java.util.zip.ZipException e) {
            throw new NotASpreadsheet("the file is a damaged ZIP archive, not an XLSX workbook");
        }
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xFF) != (prefix[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] head, byte[] prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
