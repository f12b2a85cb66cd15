package dev.callsheet.contacts.internal;

import static dev.callsheet.contacts.internal.Level.CLOSE;
import static dev.callsheet.contacts.internal.Level.CONTAINS;
import static dev.callsheet.contacts.internal.Level.DIFFERENT;
import static dev.callsheet.contacts.internal.Level.EXACT;
import static dev.callsheet.contacts.internal.Level.INITIAL;
import static dev.callsheet.contacts.internal.Level.MISSING;
import static dev.callsheet.contacts.internal.Level.NICKNAME;
import static dev.callsheet.contacts.internal.Level.SIMILAR;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Compares two cards field by field and says, for each field, at which {@link Level} they agree — the comparison
 * vector of Fellegi–Sunter. Pure: no database, no weights.
 */
final class Comparisons {

    /** One field's level and what it rests on ("+4722110099", "0.93", "bill = william"). */
    record Compared(Level level, String detail) {

        static final Compared MISSING_FIELD = new Compared(MISSING, "");
    }

    private Comparisons() {
    }

    /** The comparison vector of {@code a} (the card checked) and {@code b} (a stored card). */
    static Map<Field, Compared> compare(LinkageRecord a, LinkageRecord b) {
        Map<Field, Compared> vector = new EnumMap<>(Field.class);
        vector.put(Field.REGISTRATION_NUMBER, identifiers(a.identifiers(), b.identifiers()));
        vector.put(Field.PHONE, phones(a, b));
        vector.put(Field.EMAIL, emails(a.emails(), b.emails()));
        vector.put(Field.DOMAIN, domains(a.domains(), b.domains()));
        vector.put(Field.COMPANY, company(a.companyKey(), b.companyKey()));
        names(a, b, vector);
        vector.put(Field.ADDRESS, address(a.addressKey(), b.addressKey()));
        vector.put(Field.POSTCODE, typoLevel(a.postcode(), b.postcode()));
        vector.put(Field.CITY, city(a.cityKey(), b.cityKey()));
        vector.put(Field.BIRTH_DATE, birthDate(a.birthDate(), b.birthDate()));
        return vector;
    }

    static Compared identifiers(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        for (String id : a) {
            if (b.contains(id)) {
                return new Compared(EXACT, id);
            }
        }
        for (String id : a) {
            for (String other : b) {
                if (Similarity.typo(id, other)) {
                    return new Compared(CLOSE, other);
                }
            }
        }
        return new Compared(DIFFERENT, "");
    }

    /** The same number; else the same number without country and area code (docs/domain.md §4, step 3). */
    static Compared phones(LinkageRecord a, LinkageRecord b) {
        for (String phone : a.phones()) {
            if (b.phones().contains(phone)) {
                return new Compared(EXACT, phone);
            }
        }
        for (String key : a.phoneKeys()) {
            if (b.phoneKeys().contains(key)) {
                return new Compared(CLOSE, key);
            }
        }
        return a.phones().isEmpty() || b.phones().isEmpty() ? Compared.MISSING_FIELD : new Compared(DIFFERENT, "");
    }

    static Compared emails(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        for (String email : a) {
            if (b.contains(email)) {
                return new Compared(EXACT, email);
            }
        }
        double best = 0;
        String closest = "";
        for (String email : a) {
            for (String other : b) {
                double similarity = Similarity.jaroWinkler(email, other);
                if (similarity > best) {
                    best = similarity;
                    closest = other;
                }
            }
        }
        return best >= 0.9 ? new Compared(CLOSE, closest) : new Compared(DIFFERENT, "");
    }

    static Compared domains(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        for (String domain : a) {
            if (b.contains(domain)) {
                return new Compared(EXACT, domain);
            }
        }
        return new Compared(DIFFERENT, "");
    }

    /**
     * Company names with their legal forms already stripped (their keys): equal; a typo apart or the same words in
     * another order; every word of one in the other, which has more ("DSM" and "DSM IP Assets": the extra words
     * say another company of the group as often as the same one); alike; different.
     */
    static Compared company(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        if (a.equals(b)) {
            return new Compared(EXACT, "");
        }
        if (!numbers(a).equals(numbers(b))) {
            return new Compared(DIFFERENT, ""); // "Storgata Bakeri 2" is another shop than "Storgata Bakeri 1"
        }
        if (Similarity.withoutSpaces(a).equals(Similarity.withoutSpaces(b))
                || Similarity.sortedWords(a).equals(Similarity.sortedWords(b))) {
            return new Compared(CLOSE, "1.00");
        }
        int wordsA = a.split(" ").length;
        int wordsB = b.split(" ").length;
        double words = Similarity.words(a, b);
        if (wordsA != wordsB && words >= 0.97) {
            return new Compared(CONTAINS, format(words));
        }
        double similarity = Math.max(Similarity.jaroWinkler(a, b), wordsA == wordsB ? words : 0);
        if (similarity >= 0.92) {
            return new Compared(CLOSE, format(similarity));
        }
        double alike = Math.max(similarity, words);
        return alike >= 0.8 ? new Compared(SIMILAR, format(alike)) : new Compared(DIFFERENT, "");
    }

    /**
     * First name and surname, each on its own level; when the two were swapped in one of the cards, the swapped
     * reading counts. When either card has its whole name in one field, the whole names are compared as the
     * surname and the first name is missing.
     */
    static void names(LinkageRecord a, LinkageRecord b, Map<Field, Compared> vector) {
        if (a.firstKey().isEmpty() || b.firstKey().isEmpty()) {
            vector.put(Field.FIRST_NAME, Compared.MISSING_FIELD);
            String left = a.firstKey().isEmpty() ? a.surnameKey() : a.nameKey();
            String right = b.firstKey().isEmpty() ? b.surnameKey() : b.nameKey();
            vector.put(Field.SURNAME, surname(left, right));
            return;
        }
        Compared first = firstName(a.firstKey(), b.firstKey());
        Compared surname = surname(a.surnameKey(), b.surnameKey());
        if (first.level().ordinal() + surname.level().ordinal() > 2 * CLOSE.ordinal()) {
            Compared swappedFirst = firstName(a.firstKey(), b.surnameKey());
            Compared swappedSurname = surname(a.surnameKey(), b.firstKey());
            if (swappedFirst.level().ordinal() + swappedSurname.level().ordinal()
                    < first.level().ordinal() + surname.level().ordinal()
                    && swappedFirst.level() != DIFFERENT && swappedSurname.level() != DIFFERENT) {
                first = swappedFirst;
                surname = swappedSurname;
            }
        }
        vector.put(Field.FIRST_NAME, first);
        vector.put(Field.SURNAME, surname);
    }

    static Compared firstName(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        if (a.equals(b) || Similarity.withoutSpaces(a).equals(Similarity.withoutSpaces(b))) {
            return new Compared(EXACT, "");
        }
        if (!numbers(a).equals(numbers(b))) {
            return new Compared(DIFFERENT, "");
        }
        String firstA = a.split(" ")[0];
        String firstB = b.split(" ")[0];
        if (FirstNames.equivalent(a, b) || FirstNames.equivalent(firstA, firstB)) {
            return new Compared(NICKNAME, a + " = " + b);
        }
        if ((firstA.length() == 1 || firstB.length() == 1) && firstA.charAt(0) == firstB.charAt(0)) {
            return new Compared(INITIAL, a + " = " + b);
        }
        if (firstA.equals(firstB) || Similarity.typo(a, b)) {
            return new Compared(CLOSE, a + " ~ " + b);
        }
        double similarity = Similarity.jaroWinkler(a, b);
        return similarity >= 0.88 ? new Compared(SIMILAR, format(similarity)) : new Compared(DIFFERENT, "");
    }

    static Compared surname(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        if (a.equals(b) || Similarity.withoutSpaces(a).equals(Similarity.withoutSpaces(b))) {
            return new Compared(EXACT, a);
        }
        if (!numbers(a).equals(numbers(b))) {
            return new Compared(DIFFERENT, ""); // a digit in a name is a label, not a typo
        }
        double similarity = Similarity.names(a, b);
        if (Similarity.typo(a, b) || Similarity.sortedWords(a).equals(Similarity.sortedWords(b))) {
            return new Compared(CLOSE, format(similarity));
        }
        boolean part = (" " + a + " ").contains(" " + b + " ") || (" " + b + " ").contains(" " + a + " ");
        return similarity >= 0.88 || part ? new Compared(SIMILAR, format(similarity)) : new Compared(DIFFERENT, "");
    }

    /** Addresses: a different house number is another address, however alike the street. */
    static Compared address(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        if (a.equals(b) || Similarity.withoutSpaces(a).equals(Similarity.withoutSpaces(b))) {
            return new Compared(EXACT, "1.00");
        }
        double similarity = Math.max(Similarity.names(a, b), Similarity.words(a, b) - 0.03);
        String numbersA = digits(a);
        String numbersB = digits(b);
        if (!numbersA.equals(numbersB) && !Similarity.typo(numbersA, numbersB)) {
            return new Compared(DIFFERENT, ""); // the same long street, another building
        }
        if (similarity >= 0.9 && numbersA.equals(numbersB)) {
            return new Compared(CLOSE, format(similarity));
        }
        return similarity >= 0.8 ? new Compared(SIMILAR, format(similarity)) : new Compared(DIFFERENT, "");
    }

    static Compared city(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        if (a.equals(b) || Similarity.withoutSpaces(a).equals(Similarity.withoutSpaces(b))) {
            return new Compared(EXACT, a);
        }
        boolean close = Similarity.typo(a, b) || Similarity.jaroWinkler(a, b) >= 0.9
                || (" " + a + " ").contains(" " + b + " ") || (" " + b + " ").contains(" " + a + " ");
        return close ? new Compared(CLOSE, b) : new Compared(DIFFERENT, "");
    }

    /** Dates of birth: equal; a typo apart, or day and month swapped; different. */
    static Compared birthDate(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        if (a.equals(b)) {
            return new Compared(EXACT, a);
        }
        boolean swapped = a.length() == 8 && b.length() == 8 && a.substring(0, 4).equals(b.substring(0, 4))
                && a.substring(4, 6).equals(b.substring(6, 8)) && a.substring(6, 8).equals(b.substring(4, 6));
        return swapped || Similarity.typo(a, b) ? new Compared(CLOSE, b) : new Compared(DIFFERENT, "");
    }

    static Compared typoLevel(String a, String b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Compared.MISSING_FIELD;
        }
        if (a.equals(b)) {
            return new Compared(EXACT, a);
        }
        return Similarity.typo(a, b) ? new Compared(CLOSE, b) : new Compared(DIFFERENT, "");
    }

    /** The digits of a name, in order: names differing in them are two names. */
    private static String numbers(String text) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits.append(text.charAt(i));
            }
        }
        return digits.toString();
    }

    private static String digits(String text) {
        StringBuilder digits = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!word.isEmpty() && Character.isDigit(word.charAt(0))) {
                digits.append(word).append(' ');
            }
        }
        return digits.toString();
    }

    private static String format(double similarity) {
        return String.format(Locale.ROOT, "%.2f", similarity);
    }
}
