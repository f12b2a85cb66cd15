package dev.callsheet.scheduling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.LeadHours;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeadWindowTests {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private static Instant at(String local, ZoneId zone) {
        return java.time.LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    @Test
    void aPersonAcceptsEightToEightOnTheirOwnClockOffTheirHolidays() {
        LocalDate day = LocalDate.of(2027, 3, 1); // a Monday, and Samiljeol in Korea
        LeadWindow lead = LeadWindow.of(LeadHours.DEFAULT, false, SEOUL, "KR",
                List.of(new Holiday("KR", day, "Independence Movement Day"), new Holiday("NO", day.plusDays(1), "x")),
                at("2027-02-28T00:00", SEOUL), at("2027-03-05T00:00", SEOUL));
        assertThat(lead.misfit(at("2027-03-01T10:00", SEOUL), at("2027-03-01T11:00", SEOUL)))
                .isEqualTo(SlotFinder.Misfit.HOLIDAY);
        assertThat(lead.misfit(at("2027-03-02T10:00", SEOUL), at("2027-03-02T11:00", SEOUL))).as("another country's")
                .isNull();
        assertThat(lead.misfit(at("2027-03-02T19:30", SEOUL), at("2027-03-02T20:30", SEOUL)))
                .isEqualTo(SlotFinder.Misfit.LEAD_HOURS);
        assertThat(lead.misfit(at("2027-03-02T07:30", SEOUL), at("2027-03-02T08:30", SEOUL)))
                .isEqualTo(SlotFinder.Misfit.LEAD_HOURS);
        assertThat(lead.misfit(at("2027-02-28T08:00", SEOUL), at("2027-02-28T09:00", SEOUL))).as("a Sunday").isNull();
    }

    @Test
    void anOrganisationKeepsOfficeHoursAcrossADaylightSavingChange() {
        // London's clocks go forward on Sunday 2027-03-28
        LeadWindow lead = LeadWindow.of(LeadHours.DEFAULT, true, LONDON, "GB", List.of(),
                at("2027-03-25T00:00", LONDON), at("2027-03-31T00:00", LONDON));
        assertThat(lead.misfit(at("2027-03-26T17:00", LONDON), at("2027-03-26T18:00", LONDON))).isNull();
        assertThat(lead.misfit(at("2027-03-29T17:00", LONDON), at("2027-03-29T18:00", LONDON))).isNull();
        assertThat(lead.misfit(at("2027-03-29T17:30", LONDON), at("2027-03-29T18:30", LONDON)))
                .isEqualTo(SlotFinder.Misfit.LEAD_HOURS);
        assertThat(lead.misfit(at("2027-03-27T10:00", LONDON), at("2027-03-27T11:00", LONDON))).as("a Saturday")
                .isEqualTo(SlotFinder.Misfit.LEAD_HOURS);
    }
}
