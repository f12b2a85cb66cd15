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

    /** A calendar day with its weekday, e.g. "Mon 7 Dec 2026", for week views. */
    public String weekday(java.time.LocalDate day) {
        if (day == null) {
            return "";
        }
        java.util.Locale locale = LocaleContextHolder.getLocale();
        return DateTimeFormatter.ofPattern("EEE", locale).format(day) + " "
                + DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day);
    }

    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).format(zoned(instant));
    }

    /** A time of day on another clock than the viewer's (a lead's, a rep's). */
    public String timeIn(Instant instant, String zone) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(LocaleContextHolder.getLocale()).format(instant.atZone(ZoneId.of(zone)));
    }

    /** Weekday, date and time on another clock than the viewer's, e.g. "Tue 24 Nov 10:00". */
    public String dayTimeIn(Instant instant, String zone) {
        if (instant == null) {
            return "";
        }
        java.util.Locale locale = LocaleContextHolder.getLocale();
        ZonedDateTime at = instant.atZone(ZoneId.of(zone));
        return DateTimeFormatter.ofPattern("EEE", locale).format(at) + " "
                + DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(at) + " "
                + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(at);
    }

    /**
     * A moment on another person's clock, labelled with that zone, and the viewer's own time beside it when the
     * clocks differ: "Tue 24 Nov 2026 10:00 Europe/London (11:00 Europe/Oslo)".
     */
    public String dayTimeWithZones(Instant instant, String zone) {
        if (instant == null) {
            return "";
        }
        if (zone == null || zone.isBlank()) {
            return dateTime(instant) + " " + zone();
        }
        ZoneId theirs = ZoneId.of(zone);
        ZoneId mine = LocaleContextHolder.getTimeZone().toZoneId();
        String text = dayTimeIn(instant, zone) + " " + theirs.getId();
        if (theirs.getRules().getOffset(instant).equals(mine.getRules().getOffset(instant))) {
            return text;
        }
        return text + " (" + time(instant) + " " + mine.getId() + ")";
    }

    public String number(Number number) {
        return number == null ? "" : NumberFormat.getNumberInstance(LocaleContextHolder.getLocale()).format(number);
    }

    /** A report's figure, formatted by what it is (see {@link dev.callsheet.web.Figures}). */
    public String kpi(String kpi, Object value) {
        return dev.callsheet.web.Figures.format(kpi, value, LocaleContextHolder.getLocale());
    }

    /** A report figure from a set of figures: money with its currency (see {@link dev.callsheet.web.Figures#figure}). */
    public String figure(String kpi, java.util.Map<String, ?> figures) {
        return dev.callsheet.web.Figures.figure(kpi, figures, LocaleContextHolder.getLocale());
    }

    /** An amount in its currency, for the viewer's locale: "kr 10 000,00" in nb, "€1,000.00" in en. */
    public String money(java.math.BigDecimal amount, String currency) {
        return dev.callsheet.web.Figures.money(amount, currency, LocaleContextHolder.getLocale());
    }

    /** Amounts per currency, each in its own currency. */
    public String money(java.util.List<?> amounts) {
        return dev.callsheet.web.Figures.money(amounts, LocaleContextHolder.getLocale());
    }

    public String zone() {
        return LocaleContextHolder.getTimeZone().toZoneId().getId();
    }

    private static ZonedDateTime zoned(Instant instant) {
        ZoneId zone = LocaleContextHolder.getTimeZone().toZoneId();
        return instant.atZone(zone);
    }
}
