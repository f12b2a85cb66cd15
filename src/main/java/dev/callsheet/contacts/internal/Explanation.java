package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.DuplicateCandidate.Comparison;
import dev.callsheet.contacts.DuplicateCandidate.Reason;
import dev.callsheet.contacts.internal.FellegiSunter.Weighed;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why a card is a candidate, for people and for the API: the agreements as the reasons pages translate
 * ({@code dup.reason.<code>}), and every field compared with its level and weight.
 */
final class Explanation {

    private Explanation() {
    }

    /** The agreements, strongest evidence first, as reasons; disagreements give none. */
    static List<Reason> reasons(List<Weighed> fields) {
        Map<Field, Weighed> byField = new EnumMap<>(Field.class);
        fields.forEach(w -> byField.put(w.field(), w));
        List<Reason> reasons = new ArrayList<>();
        for (Weighed w : fields) {
            Level level = w.level();
            if (level == Level.DIFFERENT || level == Level.MISSING) {
                continue;
            }
            switch (w.field()) {
                case REGISTRATION_NUMBER -> reasons.add(new Reason(level == Level.EXACT ? "SAME_REGISTRATION_NUMBER"
                        : "REGISTRATION_NUMBER_SIMILAR", w.detail()));
                case PHONE -> reasons.add(new Reason(level == Level.EXACT ? "SAME_PHONE" : "SAME_PHONE_KEY", w.detail()));
                case EMAIL -> reasons.add(new Reason(level == Level.EXACT ? "SAME_EMAIL" : "EMAIL_SIMILAR", w.detail()));
                case DOMAIN -> reasons.add(new Reason("SAME_CORPORATE_DOMAIN", w.detail()));
                case COMPANY -> reasons.add(level == Level.EXACT ? new Reason("SAME_COMPANY_NAME", "")
                        : new Reason("COMPANY_NAME_SIMILAR", w.detail()));
                case FIRST_NAME -> {
                    Weighed surname = byField.get(Field.SURNAME);
                    if (level == Level.EXACT && surname != null && surname.level() == Level.EXACT) {
                        reasons.add(new Reason("SAME_NAME", ""));
                    }
                    else if (level != Level.EXACT) {
                        reasons.add(new Reason("NAME_SIMILAR", w.detail()));
                    }
                }
                case SURNAME -> {
                    Weighed first = byField.get(Field.FIRST_NAME);
                    boolean sameName = first != null && first.level() == Level.EXACT && level == Level.EXACT;
                    if (!sameName) {
                        reasons.add(level == Level.EXACT ? new Reason("SAME_SURNAME", w.detail())
                                : new Reason("NAME_SIMILAR", w.detail()));
                    }
                }
                case ADDRESS -> reasons.add(new Reason("SAME_ADDRESS", w.detail()));
                case POSTCODE -> {
                    if (level == Level.EXACT) {
                        reasons.add(new Reason("SAME_POSTCODE", w.detail()));
                    }
                }
                case CITY -> reasons.add(new Reason("SAME_CITY", w.detail()));
                case BIRTH_DATE -> reasons.add(new Reason("SAME_BIRTH_DATE", w.detail()));
                default -> { }
            }
        }
        return reasons;
    }

    /** Every field compared, in the order of {@link Field}, its weight in bits rounded to a hundredth. */
    static List<Comparison> comparisons(List<Weighed> fields) {
        return fields.stream().map(w -> new Comparison(w.field().name().toLowerCase(Locale.ROOT),
                w.level().name().toLowerCase(Locale.ROOT), Math.round(w.weight() * 100) / 100.0)).toList();
    }
}
