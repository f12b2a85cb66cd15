package dev.callsheet.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The six languages of Callsheet's users, each with its own message bundle. */
public final class SupportedLocales {

    public static final Locale ENGLISH = Locale.ENGLISH;

    /** English, Norwegian Bokmål, Spanish, Russian, Korean, Romanian. */
    public static final List<Locale> ALL = List.of(ENGLISH, Locale.forLanguageTag("nb"), Locale.forLanguageTag("es"),
            Locale.forLanguageTag("ru"), Locale.forLanguageTag("ko"), Locale.forLanguageTag("ro"));

    /** Their language codes, as stored with per-language content: en, nb, es, ru, ko, ro. */
    public static final List<String> LANGUAGES = ALL.stream().map(Locale::getLanguage).toList();

    private SupportedLocales() {
    }

    /**
     * The supported locale for a language tag ({@code "nb"}, {@code "es-MX"}, {@code "no"}…),
     * if Callsheet speaks that language.
     */
    public static Optional<Locale> match(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage();
        if (language.equals("no") || language.equals("nn")) {
            language = "nb";
        }
        String wanted = language;
        return ALL.stream().filter(l -> l.getLanguage().equals(wanted)).findFirst();
    }

    /** The locale's name in its own language, for the language picker. */
    public static String nativeName(Locale locale) {
        String name = locale.getDisplayLanguage(locale);
        return name.isEmpty() ? locale.getLanguage() : name.substring(0, 1).toUpperCase(locale) + name.substring(1);
    }
}
