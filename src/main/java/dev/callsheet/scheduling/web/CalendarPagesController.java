package dev.callsheet.scheduling.web;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.scheduling.Appointment;
import dev.callsheet.scheduling.Appointments;
import dev.callsheet.scheduling.CalendarDraft;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.MeetingAccess;
import dev.callsheet.scheduling.RepCalendar;
import dev.callsheet.scheduling.Territory;
import dev.callsheet.scheduling.Travel;
import dev.callsheet.scheduling.RuleChecks;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The rep's week, the supervisor's team week and a rep's calendar settings. The console's booking dialog is
 * {@link BookingDialogController}.
 */
@Controller
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class CalendarPagesController {

    private final Calendars calendars;
    private final Appointments appointments;
    private final People people;
    private final Clock clock;
    private final RuleChecks ruleChecks;
    private final dev.callsheet.scheduling.internal.CalDavCalendars caldav;

    CalendarPagesController(Calendars calendars, Appointments appointments, People people, Clock clock,
            RuleChecks ruleChecks, dev.callsheet.scheduling.internal.CalDavCalendars caldav) {
        this.ruleChecks = ruleChecks;
        this.caldav = caldav;
        this.calendars = calendars;
        this.appointments = appointments;
        this.people = people;
        this.clock = clock;
    }

    // ------------------------------------------------------------------------------------------------ weeks

    /** A rep's own week; supervisors go to the team's; agents see the meetings they booked. */
    @GetMapping("/calendar")
    String week(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String week,
            @RequestParam(required = false) UUID rep, Model model) {
        boolean manager = user.hasRole(Role.SUPERVISOR) || user.hasRole(Role.ADMIN);
        if (manager && rep == null) {
            return "redirect:/calendar/team" + weekQuery(week);
        }
        if (rep != null && people.member(user.workspaceId(), rep).isEmpty()) {
            throw ApiProblem.notFound("rep");
        }
        UUID whose = rep != null ? rep : user.hasRole(Role.REP) ? user.userId() : null;
        RepCalendar calendar = whose == null ? null : calendars.calendar(user.workspaceId(), whose).orElse(null);
        ZoneId zone = calendar != null ? calendar.zone() : user.timeZone();
        LocalDate monday = monday(week, zone);
        Instant from = monday.atStartOfDay(zone).toInstant();
        Instant to = monday.plusDays(7).atStartOfDay(zone).toInstant();
        List<Appointment> meetings = whose == null
                ? appointments.between(user, from, to, null, false).stream()
                        .filter(a -> a.bookedBy().id().equals(user.userId())).toList()
                : appointments.between(user, from, to, whose, false);
        model.addAttribute("calendar", calendar);
        model.addAttribute("repName", calendar != null ? calendar.rep().displayName() : null);
        model.addAttribute("zone", zone.getId());
        model.addAttribute("days", days(monday, meetings, zone));
        model.addAttribute("travel", travel(calendar, meetings));
        model.addAttribute("monday", monday);
        model.addAttribute("now", clock.instant());
        model.addAttribute("rep", whose);
        return "calendar/week";
    }

    /** The rep's way to and from a meeting at the lead's place, shown around it in the week. */
    record TravelBlock(Instant beforeFrom, Instant afterTo) {
    }

    /**
     * Travel around each meeting at the lead's place: the rep's travel time where the calendar sets one, else the
     * meeting's buffers (issue 25).
     */
    private static Map<UUID, TravelBlock> travel(RepCalendar calendar, List<Appointment> meetings) {
        Map<UUID, TravelBlock> blocks = new java.util.HashMap<>();
        if (calendar == null) {
            return blocks;
        }
        Integer minutes = calendar.travel() == null ? null : calendar.travel().minutes();
        for (Appointment m : meetings) {
            boolean atLead = calendar.meetingType(m.type()).map(t -> t.place().equals("LEAD")).orElse(false);
            if (!atLead) {
                continue;
            }
            Instant before = minutes != null ? m.start().minus(java.time.Duration.ofMinutes(minutes)) : m.blockedFrom();
            Instant after = minutes != null ? m.end().plus(java.time.Duration.ofMinutes(minutes)) : m.blockedTo();
            if (before.isBefore(m.start()) || after.isAfter(m.end())) {
                blocks.put(m.id(), new TravelBlock(before, after));
            }
        }
        return blocks;
    }

    /** Every rep's week side by side, for supervisors. */
    @GetMapping("/calendar/team")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String team(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String week, Model model) {
        ZoneId zone = user.timeZone();
        LocalDate monday = monday(week, zone);
        Instant from = monday.atStartOfDay(zone).toInstant();
        Instant to = monday.plusDays(7).atStartOfDay(zone).toInstant();
        List<RepCalendar> reps = calendars.calendars(user.workspaceId());
        Map<UUID, List<Appointment>> byRep = appointments.between(user, from, to, null, false).stream()
                .collect(Collectors.groupingBy(a -> a.rep().id()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RepCalendar rep : reps) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("calendar", rep);
            row.put("days", days(monday, byRep.getOrDefault(rep.rep().id(), List.of()), zone));
            row.put("count", byRep.getOrDefault(rep.rep().id(), List.of()).size());
            rows.add(row);
        }
        model.addAttribute("rows", rows);
        model.addAttribute("monday", monday);
        model.addAttribute("dates", java.util.stream.IntStream.range(0, 7).mapToObj(monday::plusDays).toList());
        model.addAttribute("zone", zone.getId());
        return "calendar/team";
    }

    @PostMapping("/calendar/meetings/{id}/{what}")
    String attended(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String what,
            @RequestParam(required = false) String week, @RequestParam(required = false) String reason,
            RedirectAttributes redirect) {
        weekQuery(week); // checked before the meeting changes: the answer goes back to that week
        switch (what) {
            case "held" -> appointments.attended(user, id, true);
            case "no-show" -> appointments.attended(user, id, false);
            case "cancel" -> appointments.cancel(user, id, reason);
            default -> throw ApiProblem.notFound("action");
        }
        redirect.addFlashAttribute("flash", "calendar.saved");
        return "redirect:/calendar" + weekQuery(week);
    }

    // ------------------------------------------------------------------------------------- rule violations

    /** Booked meetings that break a rule of booking now, each with a free time to move it to (issue 25). */
    @GetMapping("/calendar/violations")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String violations(@AuthenticationPrincipal CurrentUser user, Model model) {
        model.addAttribute("violations", ruleChecks.violations(user, null, true));
        model.addAttribute("zone", user.timeZone().getId());
        return "calendar/violations";
    }

    /** Moves a flagged meeting to the time proposed for it: the reschedule of the API, in one click. */
    @PostMapping("/calendar/violations/{id}/move")
    @PreAuthorize("hasRole('SUPERVISOR')")
    String moveViolation(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestParam String start,
            @RequestParam(required = false) String repId, RedirectAttributes redirect) {
        try {
            appointments.reschedule(user, id, start, null, repId, null);
            redirect.addFlashAttribute("flash", "violations.moved");
        } catch (ApiProblem problem) {
            if (problem.status().value() != 409 && problem.status().value() != 400) {
                throw problem;
            }
            redirect.addFlashAttribute("flashError", problem.getMessage());
        }
        return "redirect:/calendar/violations";
    }

    // ------------------------------------------------------------------------------------------ settings

    /** The calendar form, for the signed-in rep or (supervisors) any rep. */
    @GetMapping({"/calendar/settings", "/calendar/reps/{repId}/settings"})
    String settings(@AuthenticationPrincipal CurrentUser user, @PathVariable(required = false) UUID repId,
            Model model) {
        UUID whose = repId != null ? repId : user.userId();
        Calendars.checkMayEdit(user, whose);
        var member = people.member(user.workspaceId(), whose).filter(m -> m.roles().contains(Role.REP))
                .orElseThrow(() -> ApiProblem.notFound("rep"));
        RepCalendar calendar = calendars.calendar(user.workspaceId(), whose).orElse(null);
        model.addAttribute("form", calendar == null ? SettingsForm.blank(member.timeZone()) : SettingsForm.of(calendar));
        model.addAttribute("repName", member.displayName());
        model.addAttribute("repId", whose);
        model.addAttribute("regions", people.regions(user.workspaceId()));
        model.addAttribute("types", calendar == null ? MeetingType.DEFAULTS : calendar.meetingTypes());
        model.addAttribute("caldav", calendar == null ? null : caldav.settings(user.workspaceId(), whose));
        model.addAttribute("viewerZone", user.timeZone());
        return "calendar/settings";
    }

    @PostMapping({"/calendar/settings", "/calendar/reps/{repId}/settings"})
    String saveSettings(@AuthenticationPrincipal CurrentUser user, @PathVariable(required = false) UUID repId,
            @ModelAttribute SettingsForm form, Model model, RedirectAttributes redirect) {
        UUID whose = repId != null ? repId : user.userId();
        try {
            calendars.save(user, whose, form.draft(calendars.calendar(user.workspaceId(), whose).orElse(null)));
        } catch (ApiProblem problem) {
            if (problem.status().value() != 400) {
                throw problem;
            }
            var member = people.member(user.workspaceId(), whose).orElseThrow(() -> ApiProblem.notFound("rep"));
            model.addAttribute("form", form);
            model.addAttribute("repName", member.displayName());
            model.addAttribute("repId", whose);
            model.addAttribute("regions", people.regions(user.workspaceId()));
            model.addAttribute("types", MeetingType.DEFAULTS);
            model.addAttribute("error", problem.field() + ": " + problem.getMessage());
            return "calendar/settings";
        }
        // the same check as the supervisor's page, at once: what this change leaves breaking a rule
        boolean breaks = MeetingAccess.seesAll(user) && !ruleChecks.violations(user, whose, false).isEmpty();
        redirect.addFlashAttribute("flash", breaks ? "violations.afterSave" : "calendar.saved");
        return breaks ? "redirect:/calendar/violations"
                : whose.equals(user.userId()) ? "redirect:/calendar" : "redirect:/calendar/team";
    }

    /**
     * The calendar as a form posts it: a line of hours per weekday ("09:00-12:00, 13:00-17:00"), one exception per
     * line ("2026-12-24 off" or "2026-12-27 10:00-14:00").
     */
    record SettingsForm(String timeZone, String monday, String tuesday, String wednesday, String thursday,
            String friday, String saturday, String sunday, String exceptions, List<String> regions,
            Integer minNoticeMinutes, Integer dailyCap, Integer weeklyCap, Integer weight, String email,
            Boolean active, String territories, Integer travelMinutes, Integer nearbyTravelMinutes,
            Integer onSitePerDay) {

        static SettingsForm blank(String zone) {
            return new SettingsForm(zone, "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00",
                    "", "", "", List.of(), 120, null, null, 100, null, true, "", null, null, null);
        }

        static SettingsForm of(RepCalendar c) {
            return new SettingsForm(c.timeZone(), line(c, DayOfWeek.MONDAY), line(c, DayOfWeek.TUESDAY),
                    line(c, DayOfWeek.WEDNESDAY), line(c, DayOfWeek.THURSDAY), line(c, DayOfWeek.FRIDAY),
                    line(c, DayOfWeek.SATURDAY), line(c, DayOfWeek.SUNDAY),
                    c.exceptions().stream().map(e -> e.date() + " " + (e.hours().isEmpty() ? "off"
                            : e.hours().stream().map(w -> w.from() + "-" + w.to()).collect(Collectors.joining(", "))))
                            .collect(Collectors.joining("\n")),
                    c.regions().stream().map(r -> r.id().toString()).toList(), c.minNoticeMinutes(), c.dailyCap(),
                    c.weeklyCap(), c.weight(), c.email(), c.active(),
                    c.territories().stream().map(t -> String.join(", ", t.meetingTypes()) + " | "
                            + String.join(", ", t.countries()) + " | " + String.join(", ", t.regions()) + " | "
                            + String.join(", ", t.postcodes())).collect(Collectors.joining("\n")),
                    c.travel() == null ? null : c.travel().minutes(),
                    c.travel() == null ? null : c.travel().samePostcodeAreaMinutes(),
                    c.travel() == null ? null : c.travel().onSitePerDay());
        }

        /** One territory per line: meeting types | countries | regions | postcodes, each a list with commas. */
        private List<Territory> territoryLines() {
            List<Territory> list = new ArrayList<>();
            for (String raw : (territories == null ? "" : territories).split("\\R")) {
                if (raw.isBlank()) {
                    continue;
                }
                String[] parts = raw.split("\\|", -1);
                list.add(new Territory(items(parts, 0), items(parts, 1), items(parts, 2), items(parts, 3)));
            }
            return list;
        }

        private static List<String> items(String[] parts, int i) {
            if (i >= parts.length) {
                return List.of();
            }
            return java.util.Arrays.stream(parts[i].split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        }

        private static String line(RepCalendar c, DayOfWeek day) {
            return c.weeklyHours().getOrDefault(day, List.of()).stream().map(w -> w.from() + "-" + w.to())
                    .collect(Collectors.joining(", "));
        }

        CalendarDraft draft(RepCalendar current) {
            Map<String, List<TimeWindow>> hours = new LinkedHashMap<>();
            String[] lines = {monday, tuesday, wednesday, thursday, friday, saturday, sunday};
            for (DayOfWeek day : DayOfWeek.values()) {
                hours.put(day.name(), windows(lines[day.ordinal()]));
            }
            List<CalendarDraft.ExceptionDraft> days = new ArrayList<>();
            for (String raw : (exceptions == null ? "" : exceptions).split("\\R")) {
                String line = raw.strip();
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                String date = space < 0 ? line : line.substring(0, space);
                String rest = space < 0 ? "off" : line.substring(space + 1).strip();
                // "off", "fri", "libre", or nothing: any text without a time is a day off, in every language
                days.add(new CalendarDraft.ExceptionDraft(date,
                        rest.chars().anyMatch(Character::isDigit) ? windows(rest) : List.of(), null));
            }
            List<CalendarDraft.MeetingTypeDraft> types = current == null ? null : current.meetingTypes().stream()
                    .map(t -> new CalendarDraft.MeetingTypeDraft(t.code(), t.name(), t.place(), t.durationMinutes(),
                            t.bufferBeforeMinutes(), t.bufferAfterMinutes()))
                    .toList();
            return new CalendarDraft(timeZone, hours, days, regions == null ? List.of() : regions, types,
                    minNoticeMinutes, dailyCap, weeklyCap, weight, email, active != null && active, territoryLines(),
                    new Travel(travelMinutes, nearbyTravelMinutes, onSitePerDay));
        }

        private static List<TimeWindow> windows(String line) {
            List<TimeWindow> windows = new ArrayList<>();
            if (line == null || line.isBlank()) {
                return windows;
            }
            for (String part : line.split(",")) {
                String[] ends = part.strip().split("\\s*[-–]\\s*");
                windows.add(new TimeWindow(ends[0].strip(), ends.length > 1 ? ends[1].strip() : null));
            }
            return windows;
        }
    }

    // ----------------------------------------------------------------------------------------------- helpers

    /** {@code ?week=} and the date sent, read as a date (never the text as sent), or nothing. */
    private static String weekQuery(String week) {
        if (week == null || week.isBlank()) {
            return "";
        }
        try {
            return "?week=" + LocalDate.parse(week.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("week", "week must be a date like 2026-11-23");
        }
    }

    private LocalDate monday(String week, ZoneId zone) {
        LocalDate day;
        try {
            day = week == null || week.isBlank() ? LocalDate.ofInstant(clock.instant(), zone) : LocalDate.parse(week);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest("week", "week must be a date like 2026-11-23");
        }
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    /** The seven days of the week with their meetings, on the given clock. */
    private static List<Map<String, Object>> days(LocalDate monday, List<Appointment> meetings, ZoneId zone) {
        List<Map<String, Object>> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate date = monday.plusDays(i);
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", date);
            day.put("meetings", meetings.stream().filter(m -> m.start().atZone(zone).toLocalDate().equals(date))
                    .toList());
            days.add(day);
        }
        return days;
    }
}
