package dev.callsheet.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.Person;
import dev.callsheet.scheduling.RepCalendar;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Busy times read from calendar events, and how they block a rep's slots (pure computation). */
class BusyTimesTests {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Instant FROM = Instant.parse("2026-12-07T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-21T00:00:00Z");

    private static String calendar(String... events) {
        StringBuilder text = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n");
        for (String event : events) {
            text.append("BEGIN:VEVENT\r\n").append(event.replace("\n", "\r\n")).append("\r\nEND:VEVENT\r\n");
        }
        return text.append("END:VCALENDAR\r\n").toString();
    }

    private static List<SlotFinder.Busy> read(String... events) {
        return BusyTimes.read(List.of(calendar(events)), FROM, TO, OSLO, uid -> uid.endsWith("@callsheet.test"));
    }

    private static SlotFinder.Busy busy(String from, String to) {
        return new SlotFinder.Busy(Instant.parse(from), Instant.parse(to));
    }

    @Test
    void zonesUtcFloatingAndAllDayTimesAreReadInTheRightZone() {
        assertThat(read("UID:a\nDTSTART;TZID=Europe/Oslo:20261208T100000\nDTEND;TZID=Europe/Oslo:20261208T113000"))
                .containsExactly(busy("2026-12-08T09:00:00Z", "2026-12-08T10:30:00Z"));
        // a TZID as some clients write it, a long line folded, a DURATION
        assertThat(read("UID:b\nDTSTART;TZID=\"/mozilla.org/20070129_1/Asia/Seoul\":20261208T1\n 00000\nDURATION:PT45M"))
                .containsExactly(busy("2026-12-08T01:00:00Z", "2026-12-08T01:45:00Z"));
        assertThat(read("UID:c\nDTSTART:20261209T080000Z\nDTEND:20261209T090000Z"))
                .containsExactly(busy("2026-12-09T08:00:00Z", "2026-12-09T09:00:00Z"));
        // floating time: the rep's clock; an all-day event: the rep's whole day
        assertThat(read("UID:d\nDTSTART:20261210T120000\nDTEND:20261210T130000"))
                .containsExactly(busy("2026-12-10T11:00:00Z", "2026-12-10T12:00:00Z"));
        assertThat(read("UID:e\nDTSTART;VALUE=DATE:20261211"))
                .containsExactly(busy("2026-12-10T23:00:00Z", "2026-12-11T23:00:00Z"));
    }

    @Test
    void recurringEventsAreExpandedWithoutTheirExceptionsAndOverriddenInstances() {
        List<SlotFinder.Busy> found = read(
                "UID:weekly\nDTSTART;TZID=Europe/Oslo:20261130T090000\nDTEND;TZID=Europe/Oslo:20261130T093000\n"
                        + "RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261216T235959Z\n"
                        + "EXDATE;TZID=Europe/Oslo:20261209T090000",
                "UID:weekly\nRECURRENCE-ID;TZID=Europe/Oslo:20261214T090000\n"
                        + "DTSTART;TZID=Europe/Oslo:20261214T150000\nDTEND;TZID=Europe/Oslo:20261214T153000");
        assertThat(found).containsExactlyInAnyOrder(
                busy("2026-12-07T08:00:00Z", "2026-12-07T08:30:00Z"),
                busy("2026-12-16T08:00:00Z", "2026-12-16T08:30:00Z"),
                busy("2026-12-14T14:00:00Z", "2026-12-14T14:30:00Z"));
    }

    @Test
    void freeCancelledAndOwnMeetingsAreNotBusyAndTimesAreClippedToTheWindow() {
        assertThat(read("UID:f\nDTSTART:20261208T080000Z\nDTEND:20261208T090000Z\nTRANSP:TRANSPARENT",
                "UID:g\nDTSTART:20261208T100000Z\nDTEND:20261208T110000Z\nSTATUS:CANCELLED",
                "UID:" + UUID.randomUUID() + "@callsheet.test\nDTSTART:20261208T120000Z\nDTEND:20261208T130000Z",
                "UID:h\nDTSTART:20261206T220000Z\nDTEND:20261207T010000Z",
                "UID:i\nBEGIN:VALARM\nTRIGGER:-PT15M\nEND:VALARM\nDTSTART:20261208T140000Z\nDTEND:20261208T150000Z"))
                .containsExactlyInAnyOrder(busy("2026-12-07T00:00:00Z", "2026-12-07T01:00:00Z"),
                        busy("2026-12-08T14:00:00Z", "2026-12-08T15:00:00Z"));
    }

    @Test
    void overlappingBusyTimesAndMeetingsBlockEveryStartTheyTouchButCountAgainstNoCap() {
        LocalDate tuesday = LocalDate.of(2026, 12, 8);
        MeetingType phone = MeetingType.DEFAULTS.stream().filter(t -> t.code().equals("PHONE")).findFirst().orElseThrow();
        RepCalendar calendar = repCalendar(null);
        // a meeting 10:00–11:00, a long event 09:30–12:00 around it and a short one inside: one busy stretch
        List<AppointmentRepository.Held> held = List.of(new AppointmentRepository.Held(calendar.rep().id(),
                at(tuesday, 10, 0), at(tuesday, 11, 0), at(tuesday, 10, 0)));
        List<SlotFinder.Busy> own = List.of(new SlotFinder.Busy(at(tuesday, 9, 30), at(tuesday, 12, 0)),
                new SlotFinder.Busy(at(tuesday, 10, 15), at(tuesday, 10, 45)));
        List<Instant> free = new ArrayList<>();
        SlotFinder.free(SlotFinder.Load.of(calendar, held, own), phone, FROM, TO, FROM, Duration.ofMinutes(30),
                free::add);
        // 09:00 ends at 09:30 but its five minutes after meet the event
        assertThat(free).contains(at(tuesday, 12, 0), at(tuesday, 12, 30)).doesNotContain(at(tuesday, 9, 0),
                at(tuesday, 9, 30), at(tuesday, 10, 0), at(tuesday, 10, 30), at(tuesday, 11, 0), at(tuesday, 11, 30));

        // a daily cap of one: busy times are no meetings, so the day stays open around them
        SlotFinder.Load capped = SlotFinder.Load.of(repCalendar(1), List.of(), own);
        assertThat(SlotFinder.misfit(capped, phone, at(tuesday, 12, 0), FROM)).isNull();
        assertThat(SlotFinder.misfit(capped, phone, at(tuesday, 11, 0), FROM)).isEqualTo(SlotFinder.Misfit.TAKEN);
    }

    private static RepCalendar repCalendar(Integer dailyCap) {
        return new RepCalendar(new Person(UUID.randomUUID(), "lars", "Lars"), "Europe/Oslo",
                Map.of(DayOfWeek.TUESDAY, List.of(new TimeWindow("09:00", "17:00"))), List.of(), List.of(),
                MeetingType.DEFAULTS, 0, dailyCap, null, 100, null, true, FROM, List.of(), dev.callsheet.scheduling.Travel.NONE);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(OSLO).toInstant();
    }
}
