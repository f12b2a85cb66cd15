package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Spreadsheet.Problem;
import java.util.ArrayList;
import java.util.List;

/** Checks on the text of a row's cells, and the form in which a rejected row's cells are kept. */
public final class Cells {

    private Cells() {
    }

    /** A control character other than tab, CR and LF, or U+FFFD (bytes that did not decode); else null. */
    public static Problem problem(List<String> cells) {
        for (String cell : cells) {
            if (cell == null) {
                continue;
            }
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                if (control(c)) {
                    return Problem.CONTROL_CHARACTER;
                }
                if (c == '\uFFFD') {
                    return Problem.ENCODING;
                }
            }
        }
        return null;
    }

    /** The cells with each control character shown by its picture (NUL → ␀): storable, and visible in a download. */
    public static List<String> visible(List<String> cells) {
        List<String> out = new ArrayList<>(cells.size());
        for (String cell : cells) {
            if (cell == null || cell.chars().noneMatch(c -> control((char) c))) {
                out.add(cell);
                continue;
            }
            StringBuilder text = new StringBuilder(cell.length());
            for (int i = 0; i < cell.length(); i++) {
                char c = cell.charAt(i);
                text.append(c == 0x7F ? '\u2421' : control(c) ? (char) (0x2400 + c) : c);
            }
            out.add(text.toString());
        }
        return out;
    }

    private static boolean control(char c) {
        return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F;
    }
}
