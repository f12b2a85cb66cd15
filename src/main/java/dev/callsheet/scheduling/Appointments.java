package dev.callsheet.scheduling;

import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.LeadHours;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.contacts.Activity;
import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.dialing.Queue;
import dev.callsheet.scheduling.internal.AppointmentRepository;
import dev.callsheet.scheduling.internal.CalendarRepository;
import dev.callsheet.scheduling.internal.Invites;
import dev.callsheet.scheduling.internal.RepChooser;
import dev.callsheet.scheduling.internal.LeadWindow;
import dev.callsheet.scheduling.internal.SlotFinder;
import dev.callsheet.scheduling.internal.SlotRules;
import dev.callsheet.scheduling.internal.Territories;
import dev.callsheet.scheduling.internal.TravelTimes;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Free slots, bookings and their life: reschedule, cancel, held, no-show (docs/domain.md §1–§3).
 *
 * <p>Which rep gets a booking, in order: the lead's owner if free then; else a rep of the lead's territory;
 * else weighted round robin over every rep free then ({@link RepChooser}). A supervisor may pin a rep; an agent
 * may pick a slot shown for a rep. Bookings of a workspace are serialised by a transaction-scoped advisory lock so
 * that caps hold, and the exclusion constraint on the rep's time makes a double booking impossible whatever
 * happens above it.
 *
 * <p>Who sees and changes which meeting is {@link MeetingAccess}'s rule, checked here for every read and change, so
 * the API and the pages cannot differ: reps their own meetings, agents those they booked, supervisors and admins
 * all of the workspace; a meeting one may not see is a 404.
 */
@Service
public class Appointments {

    /** How a booking ended: the meeting, and whether this request made it (false: a repeat of an earlier one). */
    public record Booked(Appointment appointment, boolean created) {
    }

    /** Free slots, with the zones they are shown in. */
    public record Slots(List<Slot> items, String leadTimeZone, String agentTimeZone, boolean truncated) {
    }

    private static final int MAX_DAYS = 62;
    private static final Duration CAP_WINDOW = Duration.ofDays(8);

    private final AppointmentRepository appointments;
    private final CalendarRepository calendars;
    private final Contacts contacts;
    private final Projects projects;
    private final Queue queue;
    private final Invites invites;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration step;
    private final dev.callsheet.scheduling.internal.AvailabilityCache cache;

    Appointments(AppointmentRepository appointments, CalendarRepository calendars, Contacts contacts,
            Projects projects, Queue queue, Invites invites, ApplicationEventPublisher events, ObjectMapper json,
            Clock clock, @Value("${callsheet.scheduling.slot-step:30m}") Duration step,
            dev.callsheet.scheduling.internal.AvailabilityCache cache) {
        this.cache = cache;
        this.appointments = appointments;
        this.calendars = calendars;
        this.contacts = contacts;
        this.projects = projects;
        this.queue = queue;
        this.invites = invites;
        this.events = events;
        this.json = json;
        this.clock = clock;
        this.step = step;
    }

    // ---------------------------------------------------------------------------------------------- availability

    /**
     * Free slots in [from, to). Without a lead, every rep's; with one, one slot per start, the rep chosen as a
     * booking would choose it, shown in the lead's local time as well. No transaction: the calendars come from
     * {@link dev.callsheet.scheduling.internal.AvailabilityCache} after one read of the version, and bookings decide
     * on fresh reads anyway.
     */
    public Slots availability(CurrentUser user, String project, String from, String to, String rep, String type,
            String lead, Integer limit) {
        return availability(user, project, from, to, rep, type, lead, limit, null, null);
    }

    /**
     * Free slots as {@link #availability(CurrentUser, String, String, String, String, String, String, Integer)}
     * finds them, narrowed to one day and/or one {@link PartOfDay}, both on the lead's clock (the asking user's
     * without a lead). A day without {@code from}/{@code to} asks for that whole day. A type left out is the
     * project's default meeting type; a project without one makes the type required.
     */
    public Slots availability(CurrentUser user, String project, String from, String to, String rep, String type,
            String lead, Integer limit, String day, String partOfDay) {
        UUID ws = user.workspaceId();
        LeadHours leadHours = LeadWindow.ANY_TIME;
        UUID projectId = null;
        if (project != null && !project.isBlank()) {
            projectId = uuid("project", project);
            leadHours = leadHoursOf(projects.project(ws, projectId));
        }
        LocalDate onDay = day == null || day.isBlank() ? null : date("day", day);
        PartOfDay part = PartOfDay.parse("partOfDay", partOfDay);
        Instant now = clock.instant();
        LeadInfo leadInfo = lead == null || lead.isBlank() ? null : leadInfo(ws, uuid("lead", lead), user.timeZone());
        ZoneId leadZone = leadInfo == null ? user.timeZone() : leadInfo.zone();
        Instant start = from == null || from.isBlank() ? now : Inputs.instant("from", from, user.timeZone());
        Instant end = to == null || to.isBlank() ? start.plus(Duration.ofDays(7)) : Inputs.instant("to", to, user.timeZone());
        if (onDay != null) {
            Instant dayStart = onDay.atStartOfDay(leadZone).toInstant();
            Instant dayEnd = onDay.plusDays(1).atStartOfDay(leadZone).toInstant();
            if (!dayEnd.isAfter(now) || Duration.between(now, dayStart).toDays() > 366) {
                throw ApiProblem.badRequest("day", "day must be today or a later date within a year, like "
                        + LocalDate.ofInstant(now, leadZone));
            }
            if (from == null || from.isBlank()) {
                start = dayStart.isAfter(now) ? dayStart : now;
            }
            if (to == null || to.isBlank()) {
                end = dayEnd;
            }
        }
        if (!end.isAfter(start)) {
            throw ApiProblem.badRequest("to", "to must be after from");
        }
        if (Duration.between(start, end).toDays() > MAX_DAYS) {
            throw ApiProblem.badRequest("to", "ask for at most " + MAX_DAYS + " days at a time");
        }
        int max = limit == null ? 500 : limit;
        if (max < 1 || max > 5000) {
            throw ApiProblem.badRequest("limit", "limit must be 1 to 5000");
        }
        String code = type(type, ws, projectId);
        dev.callsheet.scheduling.internal.AvailabilityCache.View view = cache.read(ws, start.minus(CAP_WINDOW),
                end.plus(CAP_WINDOW));
        List<RepCalendar> reps = view.calendars();
        if (rep != null && !rep.isBlank()) {
            UUID repId = uuid("rep", rep);
            reps = reps.stream().filter(c -> c.rep().id().equals(repId)).toList();
            if (reps.isEmpty()) {
                throw ApiProblem.badRequest("rep", "no rep with an active calendar has this id in this workspace");
            }
        }
        reps = reps.stream().filter(c -> c.meetingType(code).isPresent()).toList();
        Map<UUID, SlotFinder.Load> loads = view.loads();
        // issue 25: only reps whose territory holds the lead's address meet them there, inside the lead's hours
        LeadWindow leadWindow = null;
        if (leadInfo != null) {
            reps = inTerritory(reps, code, leadInfo);
            leadWindow = leadWindow(ws, leadInfo, leadHours, start, end);
        }
        // the filters of the console's dialog sit around SlotFinder, which stays the one rule of what is free
        java.util.function.Predicate<Instant> wanted = onDay == null && part == null ? at -> true : at -> {
            java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(at, leadZone);
            return (onDay == null || local.toLocalDate().equals(onDay))
                    && (part == null || part.holds(local.toLocalTime()));
        };

        // start → reps free then, in time order
        TreeMap<Instant, List<RepCalendar>> free = new TreeMap<>();
        Map<UUID, MeetingType> meetings = new HashMap<>();
        for (RepCalendar calendar : reps) {
            MeetingType meeting = calendar.meetingType(code).orElseThrow();
            meetings.put(calendar.rep().id(), meeting);
            Instant earliest = now.plus(Duration.ofMinutes(calendar.minNoticeMinutes()));
            SlotFinder.free(loads.get(calendar.rep().id()), meeting, start, end, earliest, step,
                    new SlotRules(leadWindow, place(meeting, leadInfo)), at -> {
                        if (wanted.test(at)) {
                            free.computeIfAbsent(at, k -> new ArrayList<>()).add(calendar);
                        }
                    });
        }
        List<Slot> slots = new ArrayList<>();
        Map<UUID, Integer> ranks = leadInfo == null ? Map.of() : ranks(reps, view.standings(monthOf(now)));
        boolean truncated = false;
        for (Map.Entry<Instant, List<RepCalendar>> entry : free.entrySet()) {
            List<Choice> choices;
            if (leadInfo == null) {
                choices = entry.getValue().stream().map(c -> new Choice(c, null, null)).toList();
            } else {
                Choice best = best(entry.getValue(), leadInfo, ranks);
                if (best != null && rep != null && !rep.isBlank() && best.kind().equals("ROUND_ROBIN")) {
                    best = new Choice(best.calendar(), "CHOSEN", "the rep asked for");
                }
                choices = best == null ? List.of() : List.of(best);
            }
            for (Choice choice : choices) {
                if (slots.size() == max) {
                    truncated = true;
                    break;
                }
                UUID repId = choice.calendar().rep().id();
                slots.add(slot(choice, meetings.get(repId), loads.get(repId).zone(), entry.getKey(), leadZone,
                        user.timeZone()));
            }
            if (truncated) {
                break;
            }
        }
        return new Slots(slots, leadZone.getId(), user.timeZone().getId(), truncated);
    }

    // --------------------------------------------------------------------------------------------------- booking

    /** Books a meeting; a repeat of the same booking (a double click) returns the first one. */
    @Transactional
    public Booked book(CurrentUser user, BookingRequest request) {
        if (request == null) {
            throw ApiProblem.badRequest("leadId", "send the booking as JSON: leadId, start, type…");
        }
        UUID ws = user.workspaceId();
        Instant now = clock.instant();
        UUID leadId = uuid("leadId", required("leadId", request.leadId()));
        Queue.BookingContext call = null;
        if (request.attemptId() != null && !request.attemptId().isBlank()) {
            call = queue.bookingContext(ws, uuid("attemptId", request.attemptId()))
                    .filter(c -> c.contactId().equals(leadId))
                    .orElseThrow(() -> ApiProblem.badRequest("attemptId", "no call with this id was made to this lead"));
        }
        UUID projectId = request.projectId() != null && !request.projectId().isBlank()
                ? uuid("projectId", request.projectId()) : call == null ? null : call.projectId();
        LeadHours leadHours = LeadWindow.ANY_TIME;
        if (projectId != null) {
            leadHours = leadHoursOf(projects.project(ws, projectId));
        }
        LeadInfo lead = leadInfo(ws, leadId, user.timeZone(), "leadId");
        Instant start = Inputs.instant("start", required("start", request.start()), user.timeZone());
        String code = type(request.type(), ws, projectId);
        String notes = Inputs.optional("notes", request.notes(), 5_000);
        String location = Inputs.optional("location", request.location(), 500);
        boolean inviteLead = Boolean.TRUE.equals(request.inviteLead());
        String leadEmail = Inputs.email("leadEmail", request.leadEmail());
        if (leadEmail == null) {
            leadEmail = lead.email();
        }
        if (inviteLead && leadEmail == null) {
            throw ApiProblem.badRequest("inviteLead", "the lead has no e-mail address: add one, or send leadEmail");
        }
        if (start.isBefore(now)) {
            throw ApiProblem.badRequest("start", "start is in the past");
        }

        appointments.lockWorkspace(ws);
        Optional<UUID> repeat = appointments.liveAt(ws, leadId, start);
        if (repeat.isPresent()) {
            return new Booked(appointments.find(ws, repeat.get()).orElseThrow(), false);
        }
        List<RepCalendar> reps = calendars.calendars(ws, List.of(), true).stream()
                .filter(c -> c.meetingType(code).isPresent()).toList();
        if (reps.isEmpty()) {
            throw ApiProblem.badRequest("type", "no rep takes " + code + " meetings");
        }
        List<Choice> candidates = candidates(user, request.repId(), reps, lead, start, now);
        Map<UUID, SlotFinder.Load> loads = loads(candidates.stream().map(Choice::calendar).toList(),
                start, start.plusSeconds(1), null);
        checkAddress(candidates.stream().map(Choice::calendar).toList(), code, lead);
        LeadWindow leadWindow = leadWindow(ws, lead, leadHours, start, start.plus(Duration.ofDays(1)));
        SlotFinder.Misfit why = SlotFinder.Misfit.TERRITORY;
        for (Choice choice : candidates) {
            RepCalendar calendar = choice.calendar();
            MeetingType meeting = calendar.meetingType(code).orElseThrow();
            SlotFinder.Misfit misfit = covers(calendar, meeting, lead) ? SlotFinder.misfit(
                    loads.get(calendar.rep().id()), meeting, start,
                    now.plus(Duration.ofMinutes(calendar.minNoticeMinutes())),
                    new SlotRules(leadWindow, place(meeting, lead))) : SlotFinder.Misfit.TERRITORY;
            if (misfit != null) {
                why = misfit.ordinal() > why.ordinal() ? misfit : why; // the most telling reason
                continue;
            }
            Instant end = start.plus(meeting.duration());
            String qualification = call == null || call.qualification() == null ? null
                    : json.writeValueAsString(call.qualification());
            Optional<UUID> id = appointments.insert(new AppointmentRepository.NewAppointment(ws, leadId, projectId,
                    call == null ? null : call.attemptId(), calendar.rep().id(), user.userId(), code,
                    location != null ? location : defaultLocation(meeting, lead), notes, start, end,
                    start.minus(meeting.bufferBefore()), end.plus(meeting.bufferAfter()), choice.kind(), choice.reason(),
                    calendar.timeZone(), lead.zone().getId(), inviteLead, leadEmail, qualification, now,
                    where(meeting, lead)));
            if (id.isEmpty()) {
                why = SlotFinder.Misfit.TAKEN; // held in another workspace, which this one's lock does not cover
                continue;
            }
            Appointment booked = appointments.find(ws, id.get()).orElseThrow();
            handOff(user, booked, call, qualification, now);
            return new Booked(booked, true);
        }
        throw taken(why, start, code, leadId, request.repId());
    }

    /** Moves a meeting (and optionally to another rep or type); the invite goes out again with SEQUENCE + 1. */
    @Transactional
    public Appointment reschedule(CurrentUser user, UUID id, String startText, String typeText, String repText,
            String locationText) {
        UUID ws = user.workspaceId();
        appointments.lockWorkspace(ws);
        Appointment current = live(user, id);
        Instant now = clock.instant();
        Instant start = Inputs.instant("start", required("start", startText), user.timeZone());
        if (start.isBefore(now)) {
            throw ApiProblem.badRequest("start", "start is in the past");
        }
        String code = typeText == null || typeText.isBlank() ? current.type() : type(typeText);
        UUID repId = repText == null || repText.isBlank() ? current.rep().id() : uuid("repId", repText);
        RepCalendar calendar = calendars.calendar(ws, repId).filter(RepCalendar::active)
                .orElseThrow(() -> ApiProblem.badRequest("repId", "this rep takes no meetings now"));
        MeetingType meeting = calendar.meetingType(code)
                .orElseThrow(() -> ApiProblem.badRequest("type", calendar.rep().displayName() + " takes no " + code
                        + " meetings"));
        SlotFinder.Load load = loads(List.of(calendar), start, start.plusSeconds(1), id).get(repId);
        LeadInfo lead = leadInfo(ws, current.lead().id(), ZoneId.of(current.leadTimeZone()));
        checkAddress(List.of(calendar), code, lead);
        LeadHours leadHours = current.projectId() == null ? LeadWindow.ANY_TIME
                : leadHoursOf(projects.project(ws, current.projectId()));
        SlotFinder.Misfit misfit = covers(calendar, meeting, lead) ? SlotFinder.misfit(load, meeting, start,
                now.plus(Duration.ofMinutes(calendar.minNoticeMinutes())),
                new SlotRules(leadWindow(ws, lead, leadHours, start, start.plus(Duration.ofDays(1))),
                        place(meeting, lead))) : SlotFinder.Misfit.TERRITORY;
        if (misfit != null) {
            throw taken(misfit, start, code, current.lead().id(), repId.toString());
        }
        String location = Inputs.optional("location", locationText, 500);
        Instant end = start.plus(meeting.duration());
        appointments.move(id, repId, code, location == null ? current.location() : location, start, end,
                start.minus(meeting.bufferBefore()), end.plus(meeting.bufferAfter()), calendar.timeZone(), now,
                where(meeting, lead));
        Appointment moved = appointments.find(ws, id).orElseThrow();
        if (!repId.equals(current.rep().id())) {
            // the first rep's calendar drops the meeting; the new rep gets it as a request
            invites.send(ws, current.withdrawnAt(moved.sequence()), "CANCEL",
                    calendars.calendar(ws, current.rep().id()).orElse(null), true, false);
        }
        invites.send(ws, moved, "UPDATE", calendar, true, true);
        contacts.recordActivity(ws, moved.lead().id(), Activity.MEETING_CHANGED, user.userId(),
                Map.of("change", "RESCHEDULED", "from", current.start().toString(), "start", start.toString(),
                        "rep", moved.rep().displayName()), now);
        events.publishEvent(new AppointmentChanged(ws, id, moved.lead().id(), repId, "RESCHEDULED", start, now,
                moved.projectId(), moved.bookedBy().id(), current.status()));
        return moved;
    }

    /** Cancels a meeting, with the reason; the invite's cancellation keeps its UID with SEQUENCE + 1. */
    @Transactional
    public Appointment cancel(CurrentUser user, UUID id, String reasonText) {
        UUID ws = user.workspaceId();
        Appointment current = live(user, id);
        String reason = Inputs.required("reason", reasonText, 500);
        Instant now = clock.instant();
        appointments.setStatus(id, "CANCELLED", reason, true, now);
        Appointment cancelled = appointments.find(ws, id).orElseThrow();
        invites.send(ws, cancelled, "CANCEL", calendars.calendar(ws, current.rep().id()).orElse(null), true, true);
        contacts.recordActivity(ws, current.lead().id(), Activity.MEETING_CHANGED, user.userId(),
                Map.of("change", "CANCELLED", "reason", reason, "start", current.start().toString()), now);
        events.publishEvent(new AppointmentChanged(ws, id, current.lead().id(), current.rep().id(), "CANCELLED",
                current.start(), now, current.projectId(), current.bookedBy().id(), current.status()));
        return cancelled;
    }

    /** The rep (or a supervisor) says how the meeting went: HELD or NO_SHOW, once it has started. */
    @Transactional
    public Appointment attended(CurrentUser user, UUID id, boolean held) {
        UUID ws = user.workspaceId();
        Appointment current = appointments.lock(ws, id).orElseThrow(() -> ApiProblem.notFound("appointment"));
        checkMaySee(user, current);
        if (!MeetingAccess.mayRecordAttendance(user, current)) {
            throw ApiProblem.forbidden("only the meeting's rep or a supervisor says whether it was held");
        }
        String status = held ? "HELD" : "NO_SHOW";
        if (current.status().equals(status)) {
            return current;
        }
        if (current.status().equals("CANCELLED")) {
            throw ApiProblem.conflict("status", "the meeting was cancelled");
        }
        Instant now = clock.instant();
        if (now.isBefore(current.start())) {
            throw ApiProblem.conflict("status", "the meeting has not started yet");
        }
        appointments.setStatus(id, status, null, false, now);
        contacts.recordActivity(ws, current.lead().id(), Activity.MEETING_CHANGED, user.userId(),
                Map.of("change", status, "start", current.start().toString()), now);
        events.publishEvent(new AppointmentChanged(ws, id, current.lead().id(), current.rep().id(), status,
                current.start(), now, current.projectId(), current.bookedBy().id(), current.status()));
        return appointments.find(ws, id).orElseThrow();
    }

    @Transactional(readOnly = true)
    public Appointment appointment(CurrentUser user, UUID id) {
        Appointment appointment = appointments.find(user.workspaceId(), id)
                .orElseThrow(() -> ApiProblem.notFound("appointment"));
        checkMaySee(user, appointment);
        return appointment;
    }

    /**
     * Meetings starting in [from, to) that the user may see ({@link MeetingAccess}): a rep their own, an agent those
     * they booked, supervisors everyone's (or one rep's with {@code rep}).
     */
    @Transactional(readOnly = true)
    public List<Appointment> between(CurrentUser user, Instant from, Instant to, UUID rep, boolean withCancelled) {
        List<UUID> reps = rep == null ? List.of() : List.of(rep);
        boolean manager = MeetingAccess.seesAll(user);
        if (!manager && user.hasRole(Role.REP) && !user.hasRole(Role.AGENT)) {
            if (rep != null && !rep.equals(user.userId())) {
                throw ApiProblem.forbidden("reps see their own calendar");
            }
            reps = List.of(user.userId());
        }
        List<Appointment> found = appointments.between(user.workspaceId(), reps, from, to, withCancelled);
        return manager ? found : found.stream().filter(a -> maySee(user, a)).toList();
    }

    /**
     * Whether a person can take a call now (docs/domain.md §3.1): ABSENT outside their working hours (or on leave, or
     * without a calendar), BUSY in a meeting, else AVAILABLE.
     */
    @Transactional(readOnly = true)
    public String presence(UUID workspaceId, UUID userId, Instant at) {
        Optional<RepCalendar> calendar = calendars.calendar(workspaceId, userId).filter(RepCalendar::active);
        if (calendar.isEmpty()) {
            return "ABSENT";
        }
        java.time.ZonedDateTime local = at.atZone(calendar.get().zone());
        int minute = local.getHour() * 60 + local.getMinute();
        boolean working = calendar.get().hoursOn(local.toLocalDate()).stream()
                .anyMatch(w -> minute >= w.startMinute() && minute < w.endMinute());
        if (!working) {
            return "ABSENT";
        }
        boolean meeting = appointments.held(List.of(userId), at.minus(Duration.ofDays(1)), at.plusSeconds(1), null)
                .getOrDefault(userId, List.of()).stream()
                .anyMatch(h -> !at.isBefore(h.blockedFrom()) && at.isBefore(h.blockedTo()));
        return meeting ? "BUSY" : "AVAILABLE";
    }

    /**
     * Puts an address on the lead's card, for a meeting at their place (issue 25: a territory needs it); the rest of
     * the card stays as it is.
     */
    @Transactional
    public void setLeadAddress(CurrentUser user, UUID leadId, String address, String postcode, String city) {
        String street = Inputs.optional("address", address, 300);
        String code = Inputs.optional("postcode", postcode, 20);
        String town = Inputs.optional("city", city, 100);
        if (street == null && code == null && town == null) {
            throw ApiProblem.badRequest("address", "give the lead's address, postcode or city");
        }
        ContactCard card = contacts.card(user.workspaceId(), leadId);
        dev.callsheet.contacts.ContactDraft d = dev.callsheet.contacts.ContactDraft.of(card);
        contacts.update(user.workspaceId(), user.userId(), leadId, new dev.callsheet.contacts.ContactDraft(
                d.firstName(), d.surname(), d.organisation(), d.jobTitle(), d.phones(), d.emails(), d.websites(),
                street != null ? street : d.address(), code != null ? code : d.postcode(), town != null ? town : d.city(),
                d.country(), d.region(), d.lineOfBusiness(), d.language(), d.status(), d.ownerId(), d.source(),
                d.heardOfUs(), d.custom(), d.registrationNumber()));
    }

    /** The lead's name, for pages. */
    @Transactional(readOnly = true)
    public String leadName(UUID workspaceId, UUID contactId) {
        return contacts.card(workspaceId, contactId).displayName();
    }

    /** The lead's time zone as availability reads it (the phone's zone), else the given fallback. */
    public ZoneId leadZone(UUID workspaceId, UUID contactId, ZoneId fallback) {
        return leadInfo(workspaceId, contactId, fallback).zone();
    }

    @Transactional(readOnly = true)
    public List<Appointment> ofLead(UUID workspaceId, UUID contactId) {
        return appointments.ofLead(workspaceId, contactId);
    }

    /** The meeting's invite as the rep's calendar would get it now. */
    @Transactional(readOnly = true)
    public String invite(CurrentUser user, UUID id) {
        Appointment appointment = appointment(user, id);
        return invites.calendar(appointment, appointment.status().equals("CANCELLED") ? "CANCEL" : "REQUEST",
                calendars.calendar(user.workspaceId(), appointment.rep().id()).orElse(null), true);
    }

    // -------------------------------------------------------------------------------------------------- choosing

    private record Choice(RepCalendar calendar, String kind, String reason) {
    }

    /**
     * @param country      the card's country, else the first phone's
     * @param hasAddress   whether the card says where the lead is (street, postcode or city)
     * @param organisation whether the card names an organisation: the lead keeps office hours ({@link LeadHours})
     */
    private record LeadInfo(UUID id, String name, ZoneId zone, UUID owner, UUID region, String email, String address,
            String country, String regionName, String postcode, boolean hasAddress, boolean organisation) {

        Territories.Address place() {
            return new Territories.Address(country, regionName, postcode);
        }
    }

    // ------------------------------------------------------------------------------------ the rules of issue 25

    /** The reps of a type at the lead's place whose territory holds the lead; all of them for other types. */
    private List<RepCalendar> inTerritory(List<RepCalendar> reps, String code, LeadInfo lead) {
        checkAddress(reps, code, lead);
        return reps.stream().filter(c -> covers(c, c.meetingType(code).orElseThrow(), lead)).toList();
    }

    private static boolean covers(RepCalendar calendar, MeetingType meeting, LeadInfo lead) {
        return !meeting.place().equals("LEAD") || Territories.covers(calendar.territories(), meeting.code(), lead.place());
    }

    /** A meeting at the lead's place that a territory decides needs the lead's address. */
    private static void checkAddress(List<RepCalendar> reps, String code, LeadInfo lead) {
        if (lead.hasAddress()) {
            return;
        }
        boolean bound = reps.stream().anyMatch(c -> c.meetingType(code).map(t -> t.place().equals("LEAD")).orElse(false)
                && Territories.binds(c.territories(), code));
        if (bound) {
            throw ApiProblem.conflict("address", "address needed for an on-site meeting: add the lead's address")
                    .with("rule", "address");
        }
    }

    /** The lead's acceptable spans over [from, to): the project's hours on their clock, off their holidays. */
    private LeadWindow leadWindow(UUID ws, LeadInfo lead, LeadHours hours, Instant from, Instant to) {
        ZoneId zone = lead.zone();
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        List<Holiday> holidays = lead.country() == null ? List.of() : projects.holidays(ws, first, last).stream()
                .filter(h -> h.country().equals(lead.country())).toList();
        if (hours == LeadWindow.ANY_TIME && holidays.isEmpty()) {
            return null; // nothing binds this lead's time
        }
        return LeadWindow.of(hours, lead.organisation(), zone, lead.country(), holidays, from, to);
    }

    private static LeadHours leadHoursOf(Project project) {
        return project.leadHours() == null ? LeadHours.DEFAULT : project.leadHours();
    }

    /** Where a meeting of this type with this lead would be, for travel; without a lead, at some lead's place. */
    private static TravelTimes.Place place(MeetingType meeting, LeadInfo lead) {
        return TravelTimes.Place.of(meeting.place(), lead == null ? null : lead.country(),
                lead == null ? null : lead.postcode());
    }

    private static AppointmentRepository.Where where(MeetingType meeting, LeadInfo lead) {
        boolean atLead = meeting.place().equals("LEAD");
        return new AppointmentRepository.Where(meeting.place(), atLead ? lead.country() : null,
                atLead ? lead.postcode() : null);
    }

    /** Reps to try for a booking, in order. */
    private List<Choice> candidates(CurrentUser user, String repText, List<RepCalendar> reps, LeadInfo lead,
            Instant start, Instant now) {
        boolean manager = user.hasRole(Role.SUPERVISOR) || user.hasRole(Role.ADMIN);
        UUID wanted = repText == null || repText.isBlank() ? null : uuid("repId", repText);
        if (wanted == null && !manager && !user.hasRole(Role.AGENT)) {
            wanted = user.userId(); // a rep books into their own calendar
        }
        if (wanted != null) {
            if (!manager && !user.hasRole(Role.AGENT) && !wanted.equals(user.userId())) {
                throw ApiProblem.forbidden("a rep books meetings for themselves only");
            }
            UUID id = wanted;
            RepCalendar calendar = reps.stream().filter(c -> c.rep().id().equals(id)).findFirst()
                    .orElseThrow(() -> ApiProblem.badRequest("repId",
                            "this rep takes no meetings of this type now, or is not a rep of this workspace"));
            return List.of(manager ? new Choice(calendar, "PINNED", "pinned by " + user.displayName())
                    : new Choice(calendar, "CHOSEN", "chosen by " + user.displayName() + " from the free slots"));
        }
        return choose(reps, lead, standings(user.workspaceId(), now));
    }

    /**
     * The rules' first choice among reps free at one time (availability's hot loop, once per start):
     * the owner, else the territory's rep of lowest round-robin rank, else the pool's.
     */
    private static Choice best(List<RepCalendar> free, LeadInfo lead, Map<UUID, Integer> ranks) {
        RepCalendar territory = null;
        int territoryRank = Integer.MAX_VALUE;
        RepCalendar pool = null;
        int poolRank = Integer.MAX_VALUE;
        for (RepCalendar c : free) {
            UUID id = c.rep().id();
            if (id.equals(lead.owner())) {
                return new Choice(c, "OWNER", "the lead's owner");
            }
            int rank = ranks.getOrDefault(id, Integer.MAX_VALUE);
            if (lead.region() != null && (territory == null || rank < territoryRank)
                    && c.regions().stream().anyMatch(r -> r.id().equals(lead.region()))) {
                territory = c; // a territory of weight-0 reps only still takes its first
                territoryRank = rank;
            }
            if (rank < poolRank) {
                pool = c;
                poolRank = rank;
            }
        }
        if (territory != null) {
            return new Choice(territory, "TERRITORY", "covers the lead's region");
        }
        // reps of weight 0 take owned and territory leads only: a start only they have free is no slot for this lead
        return pool == null ? null : new Choice(pool, "ROUND_ROBIN", "furthest below their weighted share this month");
    }

    /** The round robin's rank of each rep, for {@link #best}. */
    private static Map<UUID, Integer> ranks(List<RepCalendar> reps, Map<UUID, RepChooser.Standing> standings) {
        return RepChooser.ranks(reps.stream().map(c -> standing(c, standings)).toList());
    }

    /** A rep's standing this month; a rep with no bookings yet has none stored. */
    private static RepChooser.Standing standing(RepCalendar c, Map<UUID, RepChooser.Standing> standings) {
        return standings.getOrDefault(c.rep().id(), new RepChooser.Standing(c.rep().id(), c.weight(), 0, 0, null));
    }

    /** The rules' order among reps free at one time (docs/domain.md §3.3): owner, territory, round robin. */
    private List<Choice> choose(List<RepCalendar> free, LeadInfo lead, Map<UUID, RepChooser.Standing> standings) {
        List<Choice> order = new ArrayList<>();
        free.stream().filter(c -> c.rep().id().equals(lead.owner())).findFirst()
                .ifPresent(c -> order.add(new Choice(c, "OWNER", "the lead's owner")));
        if (lead.region() != null) {
            List<RepCalendar> territory = free.stream()
                    .filter(c -> c.regions().stream().anyMatch(r -> r.id().equals(lead.region())))
                    .filter(c -> !c.rep().id().equals(lead.owner())).toList();
            roundRobin(territory, standings, true).forEach(c -> order.add(new Choice(c, "TERRITORY",
                    "covers the lead's region " + c.regions().stream().filter(r -> r.id().equals(lead.region()))
                            .map(RepCalendar.Region::name).findFirst().orElse("") + standingText(c, standings))));
        }
        List<UUID> taken = order.stream().map(c -> c.calendar().rep().id()).toList();
        roundRobin(free.stream().filter(c -> !taken.contains(c.rep().id())).toList(), standings, false)
                .forEach(c -> order.add(new Choice(c, "ROUND_ROBIN",
                        "furthest below their weighted share this month" + standingText(c, standings))));
        return order;
    }

    /**
     * Reps in round-robin order. Weight 0 keeps a rep out of the general pool; within a territory such a rep
     * still comes last, since the lead's region is theirs.
     */
    private static List<RepCalendar> roundRobin(List<RepCalendar> reps, Map<UUID, RepChooser.Standing> standings,
            boolean withZeroWeight) {
        List<RepCalendar> left = new ArrayList<>(reps);
        List<RepCalendar> order = new ArrayList<>();
        while (!left.isEmpty()) {
            Map<UUID, RepCalendar> byId = left.stream().collect(Collectors.toMap(c -> c.rep().id(), Function.identity()));
            Optional<RepChooser.Standing> next = RepChooser.next(left.stream()
                    .map(c -> standing(c, standings))
                    .toList());
            if (next.isEmpty()) {
                if (withZeroWeight) {
                    order.addAll(left);
                }
                break;
            }
            RepCalendar chosen = byId.get(next.get().repId());
            order.add(chosen);
            left.remove(chosen);
        }
        return order;
    }

    private static String standingText(RepCalendar calendar, Map<UUID, RepChooser.Standing> standings) {
        RepChooser.Standing s = standings.get(calendar.rep().id());
        return s == null ? "" : String.format(Locale.ROOT, " (%d booked this month, weight %d, load %.3f)",
                s.booked(), s.weight(), s.load());
    }

    private Map<UUID, RepChooser.Standing> standings(UUID workspaceId, Instant now) {
        return cache.standings(workspaceId, monthOf(now));
    }

    /** The start of the (UTC) month the round robin counts bookings in. */
    private static Instant monthOf(Instant now) {
        return YearMonth.from(now.atZone(ZoneOffset.UTC)).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private Map<UUID, SlotFinder.Load> loads(List<RepCalendar> reps, Instant from, Instant to, UUID except) {
        // the caps count a week either side; without caps a day covers the longest buffers
        boolean capped = reps.stream().anyMatch(c -> c.dailyCap() != null || c.weeklyCap() != null);
        Duration margin = capped ? CAP_WINDOW : Duration.ofDays(1);
        Map<UUID, List<AppointmentRepository.Held>> held = appointments.held(
                reps.stream().map(c -> c.rep().id()).toList(), from.minus(margin), to.plus(margin), except);
        Map<UUID, List<SlotFinder.Busy>> own = cache.ownBusy(reps.stream().map(c -> c.rep().id()).toList(),
                from.minus(margin), to.plus(margin)); // the reps' own calendars (CalDAV, issue 25.6)
        Map<UUID, SlotFinder.Load> loads = new LinkedHashMap<>();
        for (RepCalendar calendar : reps) {
            UUID rep = calendar.rep().id();
            loads.put(rep, SlotFinder.Load.of(calendar, held.getOrDefault(rep, List.of()), own.get(rep)));
        }
        return loads;
    }

    private static Slot slot(Choice choice, MeetingType meeting, ZoneId repZone, Instant start, ZoneId leadZone,
            ZoneId agentZone) {
        return new Slot(start, start.plus(meeting.duration()), choice.calendar().rep(), meeting.code(),
                start.atZone(leadZone).toOffsetDateTime(), start.atZone(agentZone).toOffsetDateTime(),
                start.atZone(repZone).toOffsetDateTime(), choice.kind());
    }

    private void handOff(CurrentUser user, Appointment booked, Queue.BookingContext call, String qualification,
            Instant now) {
        UUID ws = user.workspaceId();
        queue.leaveForBooking(ws, booked.projectId(), booked.lead().id());
        contacts.claimOwner(ws, booked.lead().id(), booked.rep().id(), user.userId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("start", booked.start().toString());
        details.put("rep", booked.rep().displayName());
        details.put("type", booked.type());
        details.put("choice", booked.choice());
        contacts.recordActivity(ws, booked.lead().id(), Activity.BOOKED, user.userId(), details, now);
        invites.send(ws, booked, "INVITE", calendars.calendar(ws, booked.rep().id()).orElse(null), true, true);
        UUID agent = call != null ? call.agentId() : user.userId();
        events.publishEvent(new AppointmentBooked(ws, booked.id(), booked.lead().id(), booked.projectId(),
                booked.rep().id(), agent, booked.start(), booked.type(), qualification, now));
    }

    /**
     * The 409 of a time that is not free. Its next free slots are added by {@link #withNextSlots} once this
     * transaction (and the workspace's booking lock) has ended, so that losers of a race do not queue the others.
     */
    private static ApiProblem taken(SlotFinder.Misfit why, Instant start, String code, UUID leadId, String repId) {
        String detail = switch (why) {
            case TAKEN -> "this time is taken";
            case NOTICE -> "this time is too soon: the rep needs more notice";
            case DAILY_CAP -> "the rep's day is full";
            case WEEKLY_CAP -> "the rep's week is full";
            case OUTSIDE_HOURS -> "no rep works at this time";
            case TERRITORY -> "no rep who takes this meeting covers the lead's address: offer a phone or video meeting";
            case HOLIDAY -> "this day is a public holiday where the lead is";
            case LEAD_HOURS -> "this time is outside the hours the lead accepts meetings in, on the lead's clock";
            case ON_SITE_CAP -> "the rep's on-site meetings that day are at their limit";
            case TRAVEL -> "the rep cannot travel there in time from the meeting before, or on to the one after";
        };
        return new Taken(detail, why, start, code, leadId, repId);
    }

    /** A time that is not free, with what it takes to find the next free ones. */
    public static final class Taken extends ApiProblem {

        private final transient Instant start;
        private final String type;
        private final UUID leadId;
        private final String repId;

        Taken(String detail, SlotFinder.Misfit why, Instant start, String type, UUID leadId, String repId) {
            super(org.springframework.http.HttpStatus.CONFLICT, why == SlotFinder.Misfit.TERRITORY ? "leadId" : "start",
                    detail);
            with("reason", why.name());
            with("rule", why.rule());
            this.start = start;
            this.type = type;
            this.leadId = leadId;
            this.repId = repId;
        }
    }

    /** Adds the next five free slots after the refused time to its 409 (in a transaction of its own). */
    @Transactional(readOnly = true)
    public ApiProblem withNextSlots(CurrentUser user, Taken taken) {
        Slots next = availability(user, null, taken.start.toString(), taken.start.plus(Duration.ofDays(14)).toString(),
                taken.repId, taken.type, taken.leadId.toString(), 5);
        return taken.with("nextSlots", next.items());
    }

    private Appointment live(CurrentUser user, UUID id) {
        Appointment current = appointments.lock(user.workspaceId(), id)
                .orElseThrow(() -> ApiProblem.notFound("appointment"));
        checkMaySee(user, current);
        if (!current.status().equals("BOOKED")) {
            throw ApiProblem.conflict("status", "the meeting is " + current.status().toLowerCase(Locale.ROOT)
                    + " and cannot change");
        }
        return current;
    }

    private static void checkMaySee(CurrentUser user, Appointment appointment) {
        if (!maySee(user, appointment)) {
            throw ApiProblem.notFound("appointment");
        }
    }

    private static boolean maySee(CurrentUser user, Appointment a) {
        return MeetingAccess.maySee(user, a);
    }

    private LeadInfo leadInfo(UUID workspaceId, UUID contactId, ZoneId fallback) {
        return leadInfo(workspaceId, contactId, fallback, "lead");
    }

    private LeadInfo leadInfo(UUID workspaceId, UUID contactId, ZoneId fallback, String field) {
        ContactCard card;
        try {
            card = contacts.card(workspaceId, contactId);
        } catch (ApiProblem notFound) {
            throw ApiProblem.badRequest(field, "no lead with this id in this workspace");
        }
        ZoneId zone = card.phones().stream().filter(p -> p.timeZones() != null && !p.timeZones().isEmpty())
                .map(Appointments::zoneOf).map(Appointments::zoneOrNull).filter(Objects::nonNull).findFirst()
                .orElse(fallback);
        String email = card.emails().stream().map(ContactCard.Point::value).filter(Objects::nonNull).findFirst()
                .orElse(null);
        String address = java.util.stream.Stream.of(card.address(),
                        String.join(" ", java.util.stream.Stream.of(card.postcode(), card.city())
                                .filter(s -> s != null && !s.isBlank()).toList()))
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "));
        String country = card.country() != null ? card.country() : card.phones().stream().map(ContactCard.Point::region)
                .filter(Objects::nonNull).findFirst().orElse(null);
        boolean located = java.util.stream.Stream.of(card.address(), card.postcode(), card.city())
                .anyMatch(x -> x != null && !x.isBlank());
        return new LeadInfo(card.id(), card.displayName(), zone, card.owner() == null ? null : card.owner().id(),
                card.region() == null ? null : card.region().id(), email, address.isBlank() ? null : address,
                country, card.region() == null ? null : card.region().name(),
                card.postcode() == null || card.postcode().isBlank() ? null : card.postcode().strip(), located,
                card.organisation() != null);
    }

    private static String defaultLocation(MeetingType meeting, LeadInfo lead) {
        return switch (meeting.place()) {
            case "LEAD" -> lead.address();
            default -> null;
        };
    }

    /**
     * A number's zone: of those the geocoder gives, the first that belongs to the number's own country (a
     * Norwegian number lists Arctic/Longyearbyen, of Svalbard, beside Europe/Oslo).
     */
    private static String zoneOf(ContactCard.Point phone) {
        return phone.timeZones().stream()
                .filter(z -> phone.region() != null && phone.region().equals(regionOf(z)))
                .findFirst().orElse(phone.timeZones().get(0));
    }

    private static String regionOf(String zone) {
        try {
            return com.ibm.icu.util.TimeZone.getRegion(zone);
        } catch (IllegalArgumentException unknownToIcu) {
            return null;
        }
    }

    private static ZoneId zoneOrNull(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The meeting type asked for; left out, the project's default. A project without a default makes the type
     * required (no silent on-site). Only a request that names no project at all keeps the API's documented
     * fallback, {@link #TYPE_WITHOUT_PROJECT}, so that existing API clients keep working.
     */
    private String type(String given, UUID workspaceId, UUID projectId) {
        if ((given == null || given.isBlank()) && projectId != null) {
            return projects.defaultMeetingType(workspaceId, projectId).orElseThrow(() -> ApiProblem.badRequest("type",
                    "type is required: the project has no default meeting type, so choose one"));
        }
        return type(given);
    }

    /** The type an API request without a type and without a project books (documented in {@link BookingRequest}). */
    static final String TYPE_WITHOUT_PROJECT = "ON_SITE";

    private static String type(String given) {
        String code = given == null || given.isBlank() ? TYPE_WITHOUT_PROJECT : given.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z][A-Z0-9_]{1,29}")) {
            throw ApiProblem.badRequest("type", "type must be a meeting type code like ON_SITE, OFFICE, PHONE, VIDEO");
        }
        return code;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(field, field + " is required");
        }
        return value.strip();
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, field + " must be a date like 2026-12-10");
        }
    }

    static UUID uuid(String field, String text) {
        try {
            return UUID.fromString(text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be an id like 3f0c…, not " + text);
        }
    }

    /** A time a client sent, read as {@link #instant} reads it in the user's zone. */
    public static Instant time(String field, String text, CurrentUser user) {
        return Inputs.instant(field, text, user.timeZone());
    }

}
