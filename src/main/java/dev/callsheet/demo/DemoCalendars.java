package dev.callsheet.demo;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.dialing.Queue;
import dev.callsheet.scheduling.Appointments;
import dev.callsheet.scheduling.BookingRequest;
import dev.callsheet.scheduling.CalendarDraft;
import dev.callsheet.scheduling.Calendars;
import dev.callsheet.scheduling.Slot;
import dev.callsheet.scheduling.Territory;
import dev.callsheet.scheduling.Travel;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.workspace.CurrentUser;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The demo reps' calendars, in two time zones (Lars and Minjun in Oslo, Ana in Bucharest, an hour ahead), each with
 * a territory for visits (the Oslo area, Vestland, Romania) and travel between them, and a week of meetings booked
 * for the leads the replayed day qualified, as the agents would have booked them: a visit where a rep covers the
 * lead's address, else a video or phone meeting (the British and Korean leads), all inside the leads' hours.
 */
@Component
class DemoCalendars {

    private static final Logger log = LoggerFactory.getLogger(DemoCalendars.class);

    /** The demo reps: username, zone, hours, regions (a preference), the area they visit, their travel. */
    private record DemoRep(String username, String zone, String from, String to, List<String> regions,
            Territory visits, Travel travel) {
    }

    private static final List<DemoRep> REPS = List.of(
            new DemoRep("lars.rep", "Europe/Oslo", "08:00", "16:00", List.of("Oslo"),
                    new Territory(List.of("ON_SITE"), List.of("NO"), List.of(), List.of("0", "10-12")),
                    new Travel(45, 20, 3)),
            new DemoRep("minjun.rep", "Europe/Oslo", "10:00", "18:00", List.of("Vestland"),
                    new Territory(List.of("ON_SITE"), List.of("NO"), List.of(), List.of("5", "6")),
                    new Travel(60, 20, 3)),
            new DemoRep("ana.rep", "Europe/Bucharest", "09:00", "17:00", List.of("Vestland"),
                    new Territory(List.of("ON_SITE"), List.of("RO"), List.of(), List.of()), new Travel(60, 30, 3)));

    private final Calendars calendars;
    private final Appointments appointments;
    private final Queue queue;
    private final Clock clock;

    DemoCalendars(Calendars calendars, Appointments appointments, Queue queue, Clock clock) {
        this.calendars = calendars;
        this.appointments = appointments;
        this.queue = queue;
        this.clock = clock;
    }

    /** Writes the reps' calendars; {@code supervisor} acts, {@code ids} maps usernames to user ids. */
    void calendars(CurrentUser supervisor, Map<String, UUID> ids) {
        for (DemoRep rep : REPS) {
            Map<String, List<TimeWindow>> week = new LinkedHashMap<>();
            for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                    DayOfWeek.FRIDAY)) {
                week.put(day.name(), List.of(new TimeWindow(rep.from(), rep.to())));
            }
            calendars.save(supervisor, ids.get(rep.username()), new CalendarDraft(rep.zone(), week, List.of(),
                    rep.regions(), null, 120, 6, null, rep.username().equals("ana.rep") ? 50 : 100,
                    rep.username() + "@demo.invalid", true, List.of(rep.visits()), rep.travel()));
        }
    }

    /** Books a meeting in the coming week for each qualified call, on the agent's behalf. */
    int book(Map<UUID, CurrentUser> agents, List<UUID> handedOff, UUID projectId) {
        Random random = new Random(5);
        int booked = 0;
        Instant from = clock.instant().plus(Duration.ofHours(20));
        for (UUID attemptId : handedOff) {
            Queue.BookingContext call = queue.bookingContext(agents.values().iterator().next().workspaceId(), attemptId)
                    .orElse(null);
            CurrentUser agent = call == null ? null : agents.get(call.agentId());
            if (agent == null) {
                continue;
            }
            // a visit where a rep covers the lead's address; else (abroad, or no rep free) video, then phone
            List<String> types = random.nextInt(4) == 0 ? List.of("VIDEO", "PHONE") : List.of("ON_SITE", "VIDEO", "PHONE");
            String type = null;
            List<Slot> slots = List.of();
            for (String candidate : types) {
                try {
                    slots = appointments.availability(agent, projectId.toString(), from.toString(),
                            from.plus(Duration.ofDays(7)).toString(), null, candidate, call.contactId().toString(), 60)
                            .items();
                } catch (ApiProblem addressNeeded) {
                    slots = List.of();
                }
                if (!slots.isEmpty()) {
                    type = candidate;
                    break;
                }
            }
            if (type == null) {
                continue;
            }
            Slot slot = slots.get(random.nextInt(slots.size()));
            try {
                appointments.book(agent, new BookingRequest(call.contactId().toString(), null, slot.start().toString(),
                        type, null, null, projectId.toString(), attemptId.toString(), false, null));
                booked++;
            } catch (ApiProblem taken) {
                log.debug("Demo: no meeting for {}: {}", call.contactId(), taken.getMessage());
            }
        }
        return booked;
    }
}
