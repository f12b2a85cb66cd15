package dev.callsheet.web.internal;

/**
 * What text the API takes at its edge, before any service or the database sees it: no NUL (PostgreSQL refuses it in
 * {@code text}), no other C0 or C1 control character and no DEL (invisible, and a line break or an escape sequence
 * where a name or a header value is expected), no lone UTF-16 surrogate (not Unicode text at all). Tab, CR and LF
 * stay allowed in bodies (notes, messages and template bodies are multi-line); a query parameter or a path variable is
 * one line, so there they are refused too (no parameter can then split a header it ends up in).
 */
final class EdgeText {

    /** The longest string any JSON field, query parameter or path variable may be, unless its record says more. */
    static final int DEFAULT_MAX_LENGTH = 10_000;

    private EdgeText() {
    }

    /** Why {@code text} is refused, phrased to follow the field's name; null when it is fine. */
    static String problem(String text, int maxLength) {
        return problem(text, maxLength, true);
    }

    /** As {@link #problem(String, int)}; {@code multiLine} false refuses tab, CR and LF as well. */
    static String problem(String text, int maxLength, boolean multiLine) {
        if (text.length() > maxLength) {
            return "must be at most " + maxLength + " characters long";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain a NUL character";
            }
            if (isControl(c) || !multiLine && (c == '\t' || c == '\r' || c == '\n')) {
                return "must not contain control characters (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return "must be valid Unicode text (a lone surrogate U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\t' && c != '\r' && c != '\n' || c >= 0x7F && c <= 0x9F;
    }
}
