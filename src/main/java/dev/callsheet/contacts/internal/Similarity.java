package dev.callsheet.contacts.internal;

import java.util.Arrays;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** String measures the comparison levels are made of, on name keys (lower-case ASCII words). */
final class Similarity {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance TWO_EDITS = new LevenshteinDistance(2);

    private Similarity() {
    }

    static double jaroWinkler(String a, String b) {
        return JARO_WINKLER.apply(a, b);
    }

    /** The edit distance when it is 0, 1 or 2; -1 beyond. */
    static int edits(String a, String b) {
        return TWO_EDITS.apply(a, b);
    }

    /** One letter changed, added or dropped, or two neighbours swapped ("2706" and "2760"). */
    static boolean typo(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        int d = edits(a, b);
        if (d == 1) {
            return true;
        }
        if (d == 2 && a.length() == b.length()) {
            for (int i = 0; i + 1 < a.length(); i++) {
                if (a.charAt(i) != b.charAt(i)) {
                    return a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                            && a.substring(i + 2).equals(b.substring(i + 2));
                }
            }
        }
        return false;
    }

    /** Jaro-Winkler on the keys, also word by word in any order (token sort), whichever is higher. */
    static double names(String a, String b) {
        double direct = jaroWinkler(a, b);
        return direct == 1 ? 1 : Math.max(direct, jaroWinkler(sortedWords(a), sortedWords(b)));
    }

    /**
     * Word by word: each word of the shorter name against its best match in the other (Jaro-Winkler), averaged
     * (Monge-Elkan) — so "steak house" and "circus circus" differ although letter-level measures find them half
     * alike, while a typo, a dropped "the" or an added "restaurant" costs little.
     */
    static double words(String a, String b) {
        String[] wordsA = a.split(" ");
        String[] wordsB = b.split(" ");
        return wordsA.length <= wordsB.length ? mongeElkan(wordsA, wordsB) : mongeElkan(wordsB, wordsA);
    }

    private static double mongeElkan(String[] from, String[] to) {
        double sum = 0;
        for (String word : from) {
            double best = 0;
            for (String other : to) {
                best = Math.max(best, jaroWinkler(word, other));
            }
            sum += best;
        }
        return sum / from.length;
    }

    static String sortedWords(String key) {
        if (key.indexOf(' ') < 0) {
            return key;
        }
        String[] words = key.split(" ");
        Arrays.sort(words);
        return String.join(" ", words);
    }

    static String withoutSpaces(String key) {
        return key.indexOf(' ') < 0 ? key : key.replace(" ", "");
    }
}
