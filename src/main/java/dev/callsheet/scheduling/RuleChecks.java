package dev.callsheet.scheduling;

import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.LeadHours;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.scheduling.internal.AppointmentRepository;
import dev.callsheet.scheduling.internal.CalendarRepository;
import dev.callsheet.scheduling.internal.LeadWindow;
import dev.callsheet.scheduling.internal.SlotFinder;
import dev.callsheet.scheduling.internal.SlotRules;
import dev.callsheet.scheduling.internal.Territories;
import dev.callsheet.scheduling.internal.TravelTimes;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The check of meetings already booked against the rules of issue 25 (territory, travel, the lead's hours and
 * holidays, the on-site limit): rules change after a booking — a rep's territory, travel or calendar, a project's
 * hours, a holiday added — and the supervisor sees what now breaks them, each with a free time to move it to.
 * Computed when asked from two reads (the meetings with their leads, and the reps' meetings), so it is always as of
 * now; a calendar change shows at once.
 */
@Service
public class RuleChecks {

    /** How far ahead booked meetings are checked. */
    public static final Duration AHEAD = Duration.ofDays(62);
    private static final int MAX_PROPOSALS = 50;

    /**
     * A booked meeting that breaks a rule.
     *
     * @param rules    the rules it breaks: territory, travel, leadHours, holiday, dailyLimit
     * @param proposal a free time to move it to (the same rep where the territory allows), or null
     */
    public record Violation(Appointment appointment, List<String> rules, Slot proposal) {
    }

    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final Projects projects;
    private final Appointments booking;
    private final Clock clock;

    RuleChecks(AppointmentRepository appointments, CalendarRepository calendars, Projects projects,
            Appointments booking, Clock clock) {
        this.appointments = appointments;
        this.calendars = calendars;
        this.projects = projects;
        this.booking = booking;
        this.clock = clock;
    }

    /** The workspace's booked meetings from now on that break a rule, in time order; for supervisors. */
    @Transactional(readOnly = true)
    public List<Violation> violations(CurrentUser user, UUID rep, boolean proposals) {
        if (!MeetingAccess.seesAll(user)) {
            throw ApiProblem.forbidden("supervisors check the booked meetings");
        }
        UUID ws = user.workspaceId();
        Instant now = clock.instant();
        Instant until = now.plus(AHEAD);
        List<AppointmentRepository.Checked> booked = appointments.toCheck(ws, now, until).stream()
                .filter(c -> rep == null || c.repId().equals(rep)).toList();
        if (booked.isEmpty()) {
            return List.of();
        }
        Map<UUID, RepCalendar> reps = new HashMap<>();
        for (RepCalendar c : calendars.calendars(ws, booked.stream().map(AppointmentRepository.Checked::repId)
                .distinct().toList(), false)) {
            reps.put(c.rep().id(), c);
        }
        Map<UUID, List<AppointmentRepository.Held>> held = appointments.held(reps.keySet(),
                now.minus(Duration.ofDays(1)), until.plus(Duration.ofDays(1)), null);
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        List<Holiday> holidays = projects.holidays(ws, today.minusDays(2), until.atZone(ZoneOffset.UTC).toLocalDate()
                .plusDays(2));
        Map<UUID, LeadHours> hoursOf = new HashMap<>();
        List<Violation> found = new ArrayList<>();
        for (AppointmentRepository.Checked c : booked) {
            RepCalendar calendar = reps.get(c.repId());
            if (calendar == null) {
                continue;
            }
            Set<String> broken = new LinkedHashSet<>(check(c, calendar, held.getOrDefault(c.repId(), List.of()),
                    holidays, leadHours(ws, c.projectId(), hoursOf)));
            if (broken.isEmpty()) {
                continue;
            }
            Appointment appointment = appointments.find(ws, c.id()).orElse(null);
            if (appointment == null) {
                continue;
            }
            Slot proposal = proposals && found.size() < MAX_PROPOSALS
                    ? proposal(user, appointment, broken.contains("territory")) : null;
            found.add(new Violation(appointment, List.copyOf(broken), proposal));
        }
        return found;
    }

    /** The rules one booked meeting breaks, of those a booking now checks. */
    static List<String> check(AppointmentRepository.Checked c, RepCalendar calendar,
            List<AppointmentRepository.Held> repHeld, List<Holiday> holidays, LeadHours hours) {
        String place = c.where().place() != null ? c.where().place()
                : calendar.meetingType(c.type()).map(MeetingType::place).orElse("OFFICE");
        String country = c.where().country() != null ? c.where().country() : c.leadCountry();
        String postcode = c.where().postcode() != null ? c.where().postcode() : c.leadPostcode();
        List<String> broken = new ArrayList<>();
        if (place.equals("LEAD") && !Territories.covers(calendar.territories(), c.type(),
                new Territories.Address(country, c.leadRegion(), postcode))) {
            broken.add(SlotFinder.Misfit.TERRITORY.rule());
        }
        // the rep's other meetings: the one checked is the rep's only one at its start
        List<AppointmentRepository.Held> others = repHeld.stream().filter(h -> !h.start().equals(c.start())).toList();
        SlotFinder.Load load = SlotFinder.Load.of(calendar, others);
        ZoneId zone;
        try {
            zone = ZoneId.of(c.leadTimeZone());
        } catch (DateTimeException e) {
            zone = calendar.zone();
        }
        LeadWindow lead = LeadWindow.of(hours, c.leadIsOrganisation(), zone, country, holidays,
                c.start().minus(Duration.ofDays(1)), c.end().plus(Duration.ofDays(1)));
        MeetingType meeting = new MeetingType(c.type(), c.type(), place,
                (int) Duration.between(c.start(), c.end()).toMinutes(), 0, 0);
        for (SlotFinder.Misfit misfit : SlotFinder.broken(load, meeting, c.start(),
                new SlotRules(lead, TravelTimes.Place.of(place, country, postcode)))) {
            broken.add(misfit.rule());
        }
        return broken;
    }

    private LeadHours leadHours(UUID ws, UUID projectId, Map<UUID, LeadHours> known) {
        if (projectId == null) {
            return LeadWindow.ANY_TIME;
        }
        return known.computeIfAbsent(projectId, id -> {
            try {
                LeadHours hours = projects.project(ws, id).leadHours();
                return hours == null ? LeadHours.DEFAULT : hours;
            } catch (ApiProblem gone) {
                return LeadHours.DEFAULT;
            }
        });
    }

    /** The first free time in the next fortnight for the meeting's lead: its rep's, unless the territory is why. */
    private Slot proposal(CurrentUser user, Appointment a, boolean anyRep) {
        Instant now = clock.instant();
        for (String rep : anyRep ? new String[] {null} : new String[] {a.rep().id().toString(), null}) {
            try {
                List<Slot> slots = booking.availability(user, a.projectId() == null ? null : a.projectId().toString(),
                        now.toString(), now.plus(Duration.ofDays(14)).toString(), rep, a.type(), a.lead().id().toString(),
                        1).items();
                if (!slots.isEmpty()) {
                    return slots.get(0);
                }
            } catch (ApiProblem none) {
                return null; // e.g. the lead's address is needed first
            }
        }
        return null;
    }
}
