package dev.callsheet.contacts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;

/**
 * Name keys for the duplicate check (docs/domain.md §4, steps 1 and 2): company and person names folded so that the same
 * name written in another script, case, punctuation or with another legal form gets the same key —
 * {@code "ООО «Ромашка»"}, {@code "Romashka LLC"} and {@code "ROMASHKA, Ltd."} are all {@code "romashka"}.
 *
 * <p>A key is lower-case ASCII letters and digits, words joined by single spaces, {@code ""} when nothing is left. The
 * steps: Unicode NFKC with case folding (full-width letters, ligatures, {@code "㈜"}); words split at anything but
 * letters and digits, where apostrophes join ({@code "O'Brien"} is {@code "obrien"}) and hyphens, dots, {@code &} and
 * quotes ({@code «» “” „ "}) split; then each word transliterated by its script, as people write it in Latin letters:
 * <ul>
 * <li>Latin: accents and special letters to ASCII by ICU's {@code Latin-ASCII} ({@code García → garcia},
 * {@code Ștefan → stefan}, {@code Ørsted → orsted}, {@code Ærø → aero}, {@code Straße → strasse});
 * <li>Cyrillic: ICU's {@code Russian-Latin/BGN} (BGN/PCGN, as in English-language press and maps), then to ASCII
 * as Latin: {@code Ромашка → romashka}, {@code Щукин → shchukin}, {@code Юлия → yuliya}, {@code Елена → yelena} (ICU's
 * generic {@code Any-Latin} would give {@code romaska}); letters BGN's Russian table lacks (Ukrainian {@code ї}) go on
 * through {@code Any-Latin};
 * <li>Hangul: the Revised Romanization of Korean, syllable by syllable without sound changes, as it prescribes for
 * personal names ({@code 한빛 → hanbit}, {@code 민석 → minseok}); ICU's Hangul-Latin is a letter-by-letter
 * transliteration nobody writes ({@code hanbich}, {@code minseog}). In {@link #person}, known surnames take their
 * usual spelling from {@code contacts/korean-surnames.txt} ({@code 김 → kim}, not {@code gim});
 * <li>anything else: ICU's {@code Any-Latin; Latin-ASCII}.
 * </ul>
 * Known limits: one spelling per script, so {@code "Yelena"} and {@code "Elena"}, or {@code "Hyundai"} and
 * {@code "hyeondae"}, stay apart; conjunctions are words ({@code "Ștefan și Fiii"} is not {@code "Ștefan & Fiii"}).
 *
 * <p>Thread-safe: all state is immutable after class initialisation, and the two ICU transliterators are shared
 * instances, which ICU documents as safe to share between threads. ICU is needed only for Cyrillic and rare scripts:
 * Latin goes through a table built once from {@code Latin-ASCII}, Hangul through arithmetic, and nothing compiles a
 * regular expression or a transliterator per call.
 */
public final class NameKeys {

    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();

    /**
     * BGN without "; Latin-ASCII": that pass costs three times as much, and {@link #toAscii} does it by table. Shared:
     * ICU's rule-based transliterators lock their rule data while they work (instances from getInstance share it),
     * which cost about 15% of the transliteration's throughput with two threads; not worth a pool.
     */
    private static final Transliterator CYRILLIC = Transliterator.getInstance("Russian-Latin/BGN");

    private static final Transliterator ANY = Transliterator.getInstance("Any-Latin; Latin-ASCII");

    /** ASCII for each Latin letter below U+2000 (U+1E00–U+1EFF included), "" for combining marks, else null. */
    private static final String[] LATIN = latinTable();

    private static final LegalForms LEGAL_FORMS = new LegalForms(lines("/contacts/legal-forms.txt"));

    private static final Map<String, String> KOREAN_SURNAMES = koreanSurnames(lines("/contacts/korean-surnames.txt"));

    private NameKeys() {
    }

    /**
     * The company name key: the name folded and transliterated as described above, with legal forms removed
     * wherever they stand (the list and how it matches: {@code contacts/legal-forms.txt}). {@code "ООО «Ромашка»"},
     * {@code "Romashka LLC"}, {@code "(주)한빛"}, {@code "Construcciones García, S.L."} give {@code "romashka"},
     * {@code "hanbit"}, {@code "construcciones garcia"}. {@code ""} for {@code null}, blank, punctuation only, or a
     * name that is nothing but legal forms.
     */
    public static String company(String raw) {
        return key(raw, true);
    }

    /**
     * The person or surname key: the same folding and transliteration, no legal forms. {@code "Соколов"} and
     * {@code "Sokolov"} give {@code "sokolov"}; a name of several words gives them in the order written.
     *
     * <p>Korean: when the first word is in Hangul and is a surname of {@code contacts/korean-surnames.txt}, it takes
     * the surname's usual spelling ({@code "김" → "kim"}, {@code "김 민준" → "kim minjun"}). A first word of three or
     * four syllables is read as a full name written surname-first and split after the surname
     * ({@code "김민준" → "kim minjun"}, matching {@code "Kim Minjun"}); two-syllable surnames ({@code 남궁}) are tried
     * first in four-syllable names, and in three-syllable ones only when the first syllable is not a surname by itself.
     * Two-syllable words are not split: they are as often a given name ({@code 서연}) as a full name.
     * {@code ""} for {@code null} and blank.
     */
    public static String person(String raw) {
        return key(raw, false);
    }

    private static String key(String raw, boolean company) {
        if (raw == null) {
            return "";
        }
        String text = isAscii(raw) ? raw : FOLD.normalize(raw);
        if (company) {
            text = LEGAL_FORMS.cutLiterals(text);
        }
        List<String> words = words(text);
        if (company) {
            LEGAL_FORMS.remove(words);
        }
        StringBuilder key = new StringBuilder(text.length() + 8);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean koreanName = !company && i == 0 && isHangul(word);
            appendLatin(key, koreanName ? koreanName(word) : toLatin(word));
        }
        return key.toString();
    }

    /**
     * Splits folded text into words of letters and digits, ASCII letters lower-cased. Letters keep their accents and
     * scripts until legal forms are gone: the Norwegian place "Ås" is not the legal form "AS".
     */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>(4);
        StringBuilder word = new StringBuilder(text.length());
        for (int i = 0; i < text.length();) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x80) {
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                    word.append((char) c);
                }
                else if (c >= 'A' && c <= 'Z') {
                    word.append((char) (c + ('a' - 'A')));
                }
                else if (!isJoiner(c)) {
                    flush(word, words);
                }
            }
            else if (isJoiner(c)) {
                continue;
            }
            else if (Character.isLetterOrDigit(c) || isMark(c)) {
                word.appendCodePoint(c);
            }
            else {
                flush(word, words);
            }
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** A word in Latin letters; may still hold separators (Any-Latin writes 東京 as "dong jing"), see appendLatin. */
    private static String toLatin(String word) {
        if (isAscii(word)) {
            return word;
        }
        String latin = word;
        if (hasHangul(latin)) {
            latin = Hangul.romanize(latin);
        }
        else if (hasCyrillic(latin)) {
            latin = CYRILLIC.transliterate(latin);
        }
        latin = toAscii(latin);
        return isAscii(latin) ? latin : ANY.transliterate(latin);
    }

    /**
     * Latin letters to ASCII by the table, joiners dropped, anything else kept: "ødegård" is "odegard", BGN's
     * "obʺyëm" is "obyem".
     */
    private static String toAscii(String latin) {
        StringBuilder ascii = new StringBuilder(latin.length());
        for (int i = 0; i < latin.length(); i++) {
            char c = latin.charAt(i);
            if (c < 0x80) {
                ascii.append(c);
            }
            else if (c < LATIN.length && LATIN[c] != null) {
                ascii.append(LATIN[c]);
            }
            else if (!isJoiner(c)) {
                ascii.append(c);
            }
        }
        return ascii.toString();
    }

    /** Appends the letters and digits of a transliteration as words; apostrophes and quotes join, the rest splits. */
    private static void appendLatin(StringBuilder key, String latin) {
        boolean space = key.length() > 0;
        for (int i = 0; i < latin.length(); i++) {
            char c = latin.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (isJoiner(c) || c == '"') {
                continue;
            }
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0x80 && Character.isLetterOrDigit(c))) {
                if (space) {
                    key.append(' ');
                    space = false;
                }
                key.append(c);
            }
            else {
                space = key.length() > 0;
            }
        }
    }

    /** A Korean name in Hangul, surname first; see {@link #person}. */
    private static String koreanName(String word) {
        String surname = KOREAN_SURNAMES.get(word);
        if (surname != null) {
            return surname;
        }
        int length = word.length();
        if (length == 4 && KOREAN_SURNAMES.containsKey(word.substring(0, 2))) {
            return KOREAN_SURNAMES.get(word.substring(0, 2)) + ' ' + Hangul.romanize(word.substring(2));
        }
        if (length == 3 || length == 4) {
            surname = KOREAN_SURNAMES.get(word.substring(0, 1));
            if (surname != null) {
                return surname + ' ' + Hangul.romanize(word.substring(1));
            }
            surname = KOREAN_SURNAMES.get(word.substring(0, 2));
            if (surname != null) {
                return surname + ' ' + Hangul.romanize(word.substring(2));
            }
        }
        return Hangul.romanize(word);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHangul(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (!Hangul.isSyllable(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasHangul(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (Hangul.isSyllable(word.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCyrillic(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= '\u0400' && c <= '\u052F') {
                return true;
            }
        }
        return false;
    }

    /**
     * Characters inside a word that join rather than split: apostrophes (O'Brien, D’Angelo), the primes BGN writes for
     * ь and ъ, and the middle dot, which BGN puts between letters that could be misread (детский → det·skiy) and
     * Catalan writes in l·l (Col·legi).
     */
    private static boolean isJoiner(int c) {
        return c == '\'' || c == '`' || c == '\u00B4' || c == '\u00B7' || c == '\u2018' || c == '\u2019'
                || c == '\u02B9' || c == '\u02BA' || c == '\u02BB' || c == '\u02BC';
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static String[] latinTable() {
        Transliterator latinAscii = Transliterator.getInstance("Latin-ASCII");
        String[] table = new String[0x2000];
        for (int c = 0x80; c < table.length; c++) {
            if (c >= 0x0300 && c <= 0x036F) {
                table[c] = "";
            }
            else if (Character.isLetter(c) && UScript.getScript(c) == UScript.LATIN) {
                String ascii = latinAscii.transliterate(String.valueOf((char) c)).toLowerCase(Locale.ROOT);
                if (!ascii.isEmpty() && ascii.chars().allMatch(a -> a >= 'a' && a <= 'z')) {
                    table[c] = ascii;
                }
            }
        }
        return table;
    }

    private static Map<String, String> koreanSurnames(List<String> lines) {
        Map<String, String> surnames = new HashMap<>();
        for (String line : lines) {
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalStateException("Expected \"surname spelling\" in korean-surnames.txt: " + line);
            }
            surnames.put(FOLD.normalize(parts[0]), parts[1].toLowerCase(Locale.ROOT));
        }
        return Map.copyOf(surnames);
    }

    /** The non-blank lines of a UTF-8 resource, without '#' comments, stripped. */
    private static List<String> lines(String resource) {
        List<String> lines = new ArrayList<>();
        try (InputStream in = NameKeys.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String entry = (comment < 0 ? line : line.substring(0, comment)).strip();
                if (!entry.isEmpty()) {
                    lines.add(entry);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return lines;
    }

    /** The legal forms of contacts/legal-forms.txt, and how they match (described in that file). */
    private static final class LegalForms {

        /** Most words a legal form spans, "Sp. z o.o." being four. */
        private static final int MAX_WORDS = 5;

        /** Entries with parentheses or in Hangul, folded, longest first: cut out wherever they occur. */
        private final List<String> literals = new ArrayList<>();

        /** Other entries, folded, their words concatenated: "S. R. L." is "srl". */
        private final Set<String> compact = new HashSet<>();

        private final int longest;

        LegalForms(List<String> entries) {
            int longest = 0;
            for (String entry : entries) {
                String folded = FOLD.normalize(entry);
                if (folded.indexOf('(') >= 0 || hasHangul(folded)) {
                    literals.add(folded);
                }
                else {
                    String joined = String.join("", words(folded));
                    compact.add(joined);
                    longest = Math.max(longest, joined.length());
                }
            }
            literals.sort(Comparator.comparingInt(String::length).reversed());
            this.longest = longest;
        }

        String cutLiterals(String text) {
            if (isAscii(text) && text.indexOf('(') < 0) {
                return text;
            }
            String cut = text;
            for (String literal : literals) {
                if (cut.contains(literal)) {
                    cut = cut.replace(literal, " ");
                }
            }
            return cut;
        }

        /** Removes, in place, each longest run of words that spells a legal form. */
        void remove(List<String> words) {
            int kept = 0;
            int i = 0;
            StringBuilder run = new StringBuilder(longest + 8);
            while (i < words.size()) {
                int end = -1;
                run.setLength(0);
                for (int j = i; j < words.size() && j < i + MAX_WORDS; j++) {
                    run.append(words.get(j));
                    if (run.length() > longest) {
                        break;
                    }
                    if (compact.contains(run.toString())) {
                        end = j;
                    }
                }
                if (end < 0) {
                    words.set(kept++, words.get(i++));
                }
                else {
                    i = end + 1;
                }
            }
            words.subList(kept, words.size()).clear();
        }
    }

    /** Hangul syllables in the Revised Romanization of Korean (2000), syllable by syllable. */
    private static final class Hangul {

        private static final char FIRST = '\uAC00';

        private static final char LAST = '\uD7A3';

        private static final String[] INITIAL = { "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j",
                "jj", "ch", "k", "t", "p", "h" };

        private static final String[] VOWEL = { "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe",
                "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i" };

        /** A final consonant is written as it sounds at the end of a syllable: 빛 bit, 닭 dak, 꽃 kkot. */
        private static final String[] FINAL = { "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l",
                "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t" };

        private static final int RIEUL_INITIAL = 5;

        private static final int RIEUL_FINAL = 8;

        private static final int SILENT_INITIAL = 11;

        private static final int HIEUT_FINAL = 27;

        static boolean isSyllable(char c) {
            return c >= FIRST && c <= LAST;
        }

        /**
         * Romanises the syllables, leaves anything else as it is. Two spelling rules of the standard that do not
         * depend on pronunciation are kept: ㄹㄹ is "ll" (설리 seolli), and a final ㅎ before a vowel is silent
         * (좋은 joeun, not joteun).
         */
        static String romanize(String text) {
            StringBuilder latin = new StringBuilder(text.length() * 3);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (!isSyllable(c)) {
                    latin.append(c);
                    continue;
                }
                int initial = initial(c);
                int last = last(c);
                boolean afterRieul = i > 0 && last(text.charAt(i - 1)) == RIEUL_FINAL;
                boolean beforeVowel = i + 1 < text.length() && initial(text.charAt(i + 1)) == SILENT_INITIAL;
                latin.append(initial == RIEUL_INITIAL && afterRieul ? "l" : INITIAL[initial])
                    .append(VOWEL[(c - FIRST) % (21 * 28) / 28])
                    .append(last == HIEUT_FINAL && beforeVowel ? "" : FINAL[last]);
            }
            return latin.toString();
        }

        /** The initial consonant's index, -1 for anything but a syllable. */
        private static int initial(char c) {
            return isSyllable(c) ? (c - FIRST) / (21 * 28) : -1;
        }

        /** The final consonant's index (0 for none), -1 for anything but a syllable. */
        private static int last(char c) {
            return isSyllable(c) ? (c - FIRST) % 28 : -1;
        }
    }
}
