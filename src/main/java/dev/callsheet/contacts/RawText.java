package dev.callsheet.contacts;

/** Text as it comes from spreadsheets and web pages, before any rule reads it. */
final class RawText {

    private RawText() {
    }

    /** Trims also the no-break and zero-width spaces that copied text carries; null becomes "". */
    static String trim(String raw) {
        if (raw == null) {
            return "";
        }
        int start = 0;
        int end = raw.length();
        while (start < end && isSpace(raw.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }
}
