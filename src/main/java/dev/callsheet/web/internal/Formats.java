package dev.callsheet.web.internal;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates, times and numbers in the viewer's locale and time zone, for templates:
 * {@code ${@fmt.dateTime(user.createdAt)}}.
 */
@Component("fmt")
public class Formats {

    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).format(zoned(instant));
    }

    public String date(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(LocaleContextHolder.getLocale()).format(zoned(instant));
    }

    /** A calendar day, e.g. a public holiday, in the viewer's locale. */
    public String day(java.time.LocalDate day) {
        return day == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                .withLocale(LocaleContextHolder.getLocale()).format(day);
    }

    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).format(zoned(instant));
    }

    public String number(Number number) {
        return number == null ? "" : NumberFormat.getNumberInstance(LocaleContextHolder.getLocale()).format(number);
    }

    public String zone() {
        return LocaleContextHolder.getTimeZone().toZoneId().getId();
    }

    private static ZonedDateTime zoned(Instant instant) {
        ZoneId zone = LocaleContextHolder.getTimeZone().toZoneId();
        return instant.atZone(zone);
    }
}
