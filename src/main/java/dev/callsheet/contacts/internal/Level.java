package dev.callsheet.contacts.internal;

/**
 * How alike two cards are on one field (a comparison level of Fellegi–Sunter). Each {@link Field} uses some of
 * them, best first; {@link #MISSING} when either card lacks the field, which weighs nothing.
 */
public enum Level {
    /** Equal after normalisation. */
    EXACT,
    /** First names: a name and its short form (William, Bill). */
    NICKNAME,
    /** First names: one is the initial of the other (J., John). */
    INITIAL,
    /** A typo apart: one letter, two swapped digits. */
    CLOSE,
    /** Company names: every word of one stands in the other, which has more ("DSM" and "DSM IP Assets"). */
    CONTAINS,
    /** Alike, but more than a typo apart. */
    SIMILAR,
    DIFFERENT,
    MISSING
}
