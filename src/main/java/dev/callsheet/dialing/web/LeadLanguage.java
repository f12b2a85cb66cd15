package dev.callsheet.dialing.web;

import com.ibm.icu.util.ULocale;
import dev.callsheet.contacts.ContactCard;
import dev.callsheet.web.SupportedLocales;
import java.util.Locale;

/**
 * The language to speak to a lead in: the card's own language when it has one, else the language most
 * spoken in the lead's country (ICU's likely-subtags data: NO → nb, KR → ko, MX → es), else English.
 */
final class LeadLanguage {

    private LeadLanguage() {
    }

    static String of(ContactCard card) {
        return SupportedLocales.match(card.language())
                .or(() -> card.country() == null || card.country().isBlank() ? java.util.Optional.empty()
                        : SupportedLocales.match(ULocale.addLikelySubtags(new ULocale("und_" + card.country().strip()))
                                .getLanguage()))
                .map(Locale::getLanguage).orElse("en");
    }
}
