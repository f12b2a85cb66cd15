package dev.callsheet.scheduling;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.scheduling.internal.CalendarRepository;
import dev.callsheet.scheduling.internal.Territories;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reps' calendars: a rep keeps their own; supervisors and admins keep everyone's. */
@Service
public class Calendars {

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,29}");

    private final CalendarRepository repository;
    private final People people;
    private final Clock clock;

    Calendars(CalendarRepository repository, People people, Clock clock) {
        this.repository = repository;
        this.people = people;
        this.clock = clock;
    }

    /** Sets a rep's calendar whole; what the draft leaves out takes its default. */
    @Transactional
    public RepCalendar save(CurrentUser actor, UUID userId, CalendarDraft draft) {
        checkMayEdit(actor, userId);
        Member rep = people.member(actor.workspaceId(), userId).filter(m -> m.roles().contains(Role.REP))
                .orElseThrow(() -> ApiProblem.notFound("rep"));
        if (draft == null) {
            throw ApiProblem.badRequest("timeZone", "send the calendar as JSON, e.g. {\"timeZone\":\"Europe/Oslo\"}");
        }
        List<MeetingType> types = meetingTypes(draft.meetingTypes());
        RepCalendar calendar = new RepCalendar(new Person(rep.id(), rep.username(), rep.displayName()),
                zone(draft.timeZone(), rep.timeZone()), weeklyHours(draft.weeklyHours()),
                exceptions(draft.exceptions()), regions(actor.workspaceId(), draft.regions()),
                types,
                range("minNoticeMinutes", draft.minNoticeMinutes(), 0, 43_200, 120),
                optionalRange("dailyCap", draft.dailyCap(), 1, 100), optionalRange("weeklyCap", draft.weeklyCap(), 1, 500),
                range("weight", draft.weight(), 0, 1000, 100), email(draft.email(), rep.username()),
                draft.active() == null || draft.active(), clock.instant(),
                Territories.checked(draft.territories(), types, regionIds(actor.workspaceId())),
                travel(draft.travel()));
        repository.save(actor.workspaceId(), calendar, clock.instant());
        return repository.calendar(actor.workspaceId(), userId).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Optional<RepCalendar> calendar(UUID workspaceId, UUID userId) {
        return repository.calendar(workspaceId, userId);
    }

    /** Every rep's calendar in the workspace, active or not. */
    @Transactional(readOnly = true)
    public List<RepCalendar> calendars(UUID workspaceId) {
        return repository.calendars(workspaceId, List.of(), false);
    }

    /** The calendars of reps who take meetings now (active calendar, active member with the REP role). */
    @Transactional(readOnly = true)
    public List<RepCalendar> bookable(UUID workspaceId) {
        return repository.calendars(workspaceId, List.of(), true);
    }

    /** A rep may change their own calendar; supervisors and admins anyone's. */
    public static void checkMayEdit(CurrentUser actor, UUID userId) {
        if (!actor.userId().equals(userId) && !actor.hasRole(Role.SUPERVISOR) && !actor.hasRole(Role.ADMIN)) {
            throw ApiProblem.forbidden("only supervisors change another rep's calendar");
        }
    }

    /** The workspace's regions by lower-case name and by id, to their id. */
    private Map<String, String> regionIds(UUID workspaceId) {
        Map<String, String> ids = new java.util.HashMap<>();
        for (Member.Named region : people.regions(workspaceId)) {
            ids.put(region.name().toLowerCase(Locale.ROOT), region.id().toString());
            ids.put(region.id().toString(), region.id().toString());
        }
        return ids;
    }

    private static Travel travel(Travel given) {
        if (given == null) {
            return Travel.NONE;
        }
        return new Travel(optionalRange("travel.minutes", given.minutes(), 0, 480),
                optionalRange("travel.samePostcodeAreaMinutes", given.samePostcodeAreaMinutes(), 0, 480),
                optionalRange("travel.onSitePerDay", given.onSitePerDay(), 1, 50));
    }

    private static String zone(String given, String fallback) {
        String text = given == null || given.isBlank() ? fallback : given.strip();
        try {
            return ZoneId.of(text).getId();
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest("timeZone", "timeZone must be an IANA zone like Europe/Oslo, not " + given);
        }
    }

    private static Map<DayOfWeek, List<TimeWindow>> weeklyHours(Map<String, List<TimeWindow>> given) {
        if (given == null) {
            Map<DayOfWeek, List<TimeWindow>> hours = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY)) {
                hours.put(day, List.of(new TimeWindow("09:00", "17:00")));
            }
            return hours;
        }
        return TimeWindow.weekly("weeklyHours", given);
    }

    private static List<RepCalendar.DayException> exceptions(List<CalendarDraft.ExceptionDraft> given) {
        List<RepCalendar.DayException> exceptions = new ArrayList<>();
        Set<LocalDate> seen = new HashSet<>();
        List<CalendarDraft.ExceptionDraft> list = given == null ? List.of() : given;
        if (list.size() > 400) {
            throw ApiProblem.badRequest("exceptions", "at most 400 dates");
        }
        for (int i = 0; i < list.size(); i++) {
            String field = "exceptions[" + i + "]";
            CalendarDraft.ExceptionDraft e = list.get(i);
            if (e == null || e.date() == null) {
                throw ApiProblem.badRequest(field + ".date", "a date like 2026-12-24 is required");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(e.date().strip());
            } catch (DateTimeParseException ex) {
                throw ApiProblem.badRequest(field + ".date", "date must be like 2026-12-24, not " + e.date());
            }
            if (!seen.add(date)) {
                throw ApiProblem.badRequest(field + ".date", date + " is given twice");
            }
            exceptions.add(new RepCalendar.DayException(date, TimeWindow.checked(field + ".hours", e.hours()),
                    Inputs.optional(field + ".note", e.note(), 200)));
        }
        exceptions.sort((a, b) -> a.date().compareTo(b.date()));
        return exceptions;
    }

    private List<RepCalendar.Region> regions(UUID workspaceId, List<String> given) {
        List<RepCalendar.Region> regions = new ArrayList<>();
        List<String> list = given == null ? List.of() : given;
        List<Member.Named> known = people.regions(workspaceId);
        for (int i = 0; i < list.size(); i++) {
            String wanted = list.get(i) == null ? "" : list.get(i).strip();
            Member.Named region = known.stream()
                    .filter(r -> r.id().toString().equals(wanted) || r.name().equalsIgnoreCase(wanted)).findFirst()
                    .orElseThrow(() -> ApiProblem.badRequest("regions[" + regions.size() + "]",
                            "region " + wanted + " does not exist in this workspace"));
            if (regions.stream().noneMatch(r -> r.id().equals(region.id()))) {
                regions.add(new RepCalendar.Region(region.id(), region.name()));
            }
        }
        return regions;
    }

    private static List<MeetingType> meetingTypes(List<CalendarDraft.MeetingTypeDraft> given) {
        if (given == null || given.isEmpty()) {
            return MeetingType.DEFAULTS;
        }
        List<MeetingType> types = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "meetingTypes[" + i + "]";
            CalendarDraft.MeetingTypeDraft t = given.get(i);
            String code = t == null || t.code() == null ? "" : t.code().strip().toUpperCase(Locale.ROOT);
            if (!CODE.matcher(code).matches()) {
                throw ApiProblem.badRequest(field + ".code", "code must be 2–30 letters, digits or _, like ON_SITE");
            }
            if (types.stream().anyMatch(x -> x.code().equals(code))) {
                throw ApiProblem.badRequest(field + ".code", code + " is given twice");
            }
            MeetingType base = MeetingType.DEFAULTS.stream().filter(d -> d.code().equals(code)).findFirst()
                    .orElse(new MeetingType(code, code, "OFFICE", 60, 0, 0));
            String place = t.place() == null ? base.place() : t.place().strip().toUpperCase(Locale.ROOT);
            if (!MeetingType.PLACES.contains(place)) {
                throw ApiProblem.badRequest(field + ".place", "place must be LEAD, OFFICE, PHONE or VIDEO");
            }
            String name = Inputs.optional(field + ".name", t.name(), 80);
            types.add(new MeetingType(code, name == null ? base.name() : name, place,
                    range(field + ".durationMinutes", t.durationMinutes(), 5, 12 * 60, base.durationMinutes()),
                    range(field + ".bufferBeforeMinutes", t.bufferBeforeMinutes(), 0, 480, base.bufferBeforeMinutes()),
                    range(field + ".bufferAfterMinutes", t.bufferAfterMinutes(), 0, 480, base.bufferAfterMinutes())));
        }
        return List.copyOf(types);
    }

    private static String email(String given, String username) {
        String email = Inputs.email("email", given);
        if (email == null) {
            return Inputs.isEmail(username) ? username : null;
        }
        return email;
    }

    private static int range(String field, Integer value, int min, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw ApiProblem.badRequest(field, field + " must be " + min + " to " + max);
        }
        return value;
    }

    private static Integer optionalRange(String field, Integer value, int min, int max) {
        return value == null ? null : range(field, value, min, max, min);
    }
}
