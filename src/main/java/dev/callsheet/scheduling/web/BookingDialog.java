package dev.callsheet.scheduling.web;

import dev.callsheet.scheduling.PartOfDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.web.util.UriComponentsBuilder;

/** The dialog's filters, and the links that change one of them while keeping the others. */
public record BookingDialog(UUID projectId, UUID attemptId, String type, LocalDate day, PartOfDay part, UUID rep,
        LocalDate today, int days) {

    /** The picker's days, Monday-aligned weeks; days before today are null (blank cells). */
    public List<LocalDate> cells() {
        List<LocalDate> cells = new ArrayList<>();
        for (int i = 1; i < today.getDayOfWeek().getValue(); i++) {
            cells.add(null);
        }
        for (int i = 0; i < days; i++) {
            cells.add(today.plusDays(i));
        }
        return cells;
    }

    /** Monday to Sunday of the picker's first week, for the column heads. */
    public List<LocalDate> weekdays() {
        LocalDate monday = today.minusDays(today.getDayOfWeek().getValue() - 1L);
        List<LocalDate> week = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            week.add(monday.plusDays(i));
        }
        return week;
    }

    /** The key (its {@code KeyboardEvent.code} is {@code "Key" + letter}) that picks a weekday; see callsheet.js. */
    public String keyOf(LocalDate day) {
        return String.valueOf(WEEKDAY_KEYS.charAt(day.getDayOfWeek().getValue() - 1));
    }

    /** Monday to Sunday: mOn, tUe, Wed, Thu, Fri, Sat, suN; M, A and E are the parts of the day. */
    static final String WEEKDAY_KEYS = "OUWTFSN";

    /** A day with its month, as the viewer's language writes it (Jan 1, 1 янв., 1월 1일), for a month's first day. */
    public String monthDay(LocalDate day, java.util.Locale locale) {
        com.ibm.icu.text.DateFormat format = com.ibm.icu.text.DateFormat.getInstanceForSkeleton("MMMd",
                locale == null ? java.util.Locale.ENGLISH : locale);
        format.setTimeZone(com.ibm.icu.util.TimeZone.GMT_ZONE);
        return format.format(java.util.Date.from(day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
    }

    public String link(String type, LocalDate day, PartOfDay part, UUID rep) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath("/console/{p}/calls/{a}/book");
        if (type != null) {
            b.queryParam("type", type);
        }
        if (day != null) {
            b.queryParam("day", day);
        }
        if (part != null) {
            b.queryParam("part", part.code());
        }
        if (rep != null) {
            b.queryParam("rep", rep);
        }
        return b.buildAndExpand(projectId, attemptId).toUriString();
    }

    public String withType(String code) {
        return link(code, day, part, rep);
    }

    /** The day's link; the chosen day's link clears it. */
    public String withDay(LocalDate d) {
        return link(type, d.equals(day) ? null : d, part, rep);
    }

    /** The part's link; the chosen part's link clears it. */
    public String withPart(PartOfDay p) {
        return link(type, day, p == part ? null : p, rep);
    }

    public String best() {
        return link(type, null, null, rep);
    }

    public List<PartOfDay> parts() {
        return List.of(PartOfDay.values());
    }
}
