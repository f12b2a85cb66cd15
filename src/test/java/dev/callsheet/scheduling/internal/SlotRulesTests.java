package dev.callsheet.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.campaigns.LeadHours;
import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.Person;
import dev.callsheet.scheduling.RepCalendar;
import dev.callsheet.scheduling.Travel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link SlotFinder} under {@link SlotRules}: travel, the on-site limit and the lead's hours. */
class SlotRulesTests {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final MeetingType ON_SITE = new MeetingType("ON_SITE", "On site", "LEAD", 60, 0, 0);
    private static final Instant MONDAY = LocalDateTime.parse("2027-01-04T00:00").atZone(OSLO).toInstant();

    private static RepCalendar calendar(Travel travel) {
        Map<DayOfWeek, List<TimeWindow>> week = new EnumMap<>(DayOfWeek.class);
        week.put(DayOfWeek.MONDAY, List.of(new TimeWindow("08:00", "18:00")));
        return new RepCalendar(new Person(UUID.randomUUID(), "rep", "Rep"), "Europe/Oslo", week, List.of(), List.of(),
                List.of(ON_SITE), 0, null, null, 100, null, true, MONDAY, List.of(), travel);
    }

    private static Instant at(String time) {
        return LocalDateTime.of(MONDAY.atZone(OSLO).toLocalDate(), LocalTime.parse(time)).atZone(OSLO).toInstant();
    }

    private static SlotFinder.Load load(Travel travel, String start, String postcode) {
        Instant s = at(start);
        Instant e = s.plus(Duration.ofHours(1));
        return new SlotFinder.Load(calendar(travel), List.of(new SlotFinder.Busy(s, e)), List.of(s),
                List.of(new SlotFinder.Visit(s, e, TravelTimes.Place.of("LEAD", "NO", postcode))));
    }

    private static List<LocalTime> free(SlotFinder.Load load, SlotRules rules) {
        List<LocalTime> starts = new ArrayList<>();
        SlotFinder.free(load, ON_SITE, MONDAY, MONDAY.plus(Duration.ofDays(1)), MONDAY, Duration.ofMinutes(30), rules,
                at -> starts.add(at.atZone(OSLO).toLocalTime()));
        return starts;
    }

    @Test
    void aMeetingElsewhereIsOfferedOnlyWhereTheTravelFits() {
        SlotFinder.Load load = load(new Travel(60, 20, null), "12:00", "0150");
        SlotRules farAway = new SlotRules(null, TravelTimes.Place.of("LEAD", "NO", "5003"));
        assertThat(free(load, farAway)).containsExactly(LocalTime.of(8, 0), LocalTime.of(8, 30), LocalTime.of(9, 0),
                LocalTime.of(9, 30), LocalTime.of(10, 0), LocalTime.of(14, 0), LocalTime.of(14, 30),
                LocalTime.of(15, 0), LocalTime.of(15, 30), LocalTime.of(16, 0), LocalTime.of(16, 30),
                LocalTime.of(17, 0));
        SlotRules nearby = new SlotRules(null, TravelTimes.Place.of("LEAD", "NO", "0187"));
        assertThat(free(load, nearby)).contains(LocalTime.of(10, 30)).doesNotContain(LocalTime.of(11, 0))
                .contains(LocalTime.of(13, 30));
        SlotRules call = SlotRules.NONE;
        assertThat(free(load, call)).contains(LocalTime.of(11, 0), LocalTime.of(13, 0));
        assertThat(SlotFinder.misfit(load, ON_SITE, at("13:30"), MONDAY, farAway)).isEqualTo(SlotFinder.Misfit.TRAVEL);
        assertThat(SlotFinder.misfit(load, ON_SITE, at("14:00"), MONDAY, farAway)).isNull();
        assertThat(free(load(Travel.NONE, "12:00", "0150"), farAway)).as("no travel rule")
                .contains(LocalTime.of(11, 0), LocalTime.of(13, 0));
    }

    @Test
    void theOnSiteLimitClosesTheDayForOnSiteMeetingsOnly() {
        SlotFinder.Load load = load(new Travel(null, null, 1), "12:00", "0150");
        SlotRules onSite = new SlotRules(null, TravelTimes.Place.of("LEAD", "NO", "0150"));
        assertThat(free(load, onSite)).isEmpty();
        assertThat(SlotFinder.misfit(load, ON_SITE, at("09:00"), MONDAY, onSite))
                .isEqualTo(SlotFinder.Misfit.ON_SITE_CAP);
        assertThat(free(load, new SlotRules(null, TravelTimes.Place.OFFICE))).isNotEmpty();
    }

    @Test
    void theLeadsHoursCutTheRepsDay() {
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        LeadWindow lead = LeadWindow.of(LeadHours.DEFAULT, false, seoul, "KR", List.of(), MONDAY,
                MONDAY.plus(Duration.ofDays(1)));
        SlotFinder.Load load = new SlotFinder.Load(calendar(Travel.NONE), List.of(), List.of());
        // 20:00 in Seoul is 12:00 in Oslo in winter: the last start is 11:00
        assertThat(free(load, new SlotRules(lead, null))).last().isEqualTo(LocalTime.of(11, 0));
        assertThat(SlotFinder.misfit(load, ON_SITE, at("11:30"), MONDAY, new SlotRules(lead, null)))
                .isEqualTo(SlotFinder.Misfit.LEAD_HOURS);
    }
}
