package dev.callsheet.web;

import java.time.ZoneId;
import java.util.Locale;

/** Implemented by the signed-in principal: the language and time zone its pages are rendered in. */
public interface LocalePreference {

    Locale locale();

    ZoneId timeZone();
}
