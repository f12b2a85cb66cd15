package dev.callsheet.campaigns.web;

import dev.callsheet.campaigns.BookingDefaults;
import dev.callsheet.campaigns.Holiday;
import dev.callsheet.campaigns.Outcome;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.ProjectDraft;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.campaigns.Script;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Projects, their outcomes and scripts, and public holidays. Supervisors and admins change them;
 * agents read the projects open to them (those of their team, or of no team).
 */
@RestController
@PreAuthorize("hasRole('AGENT')")
class ProjectsApiController {

    private final Projects projects;

    private final BookingDefaults bookingDefaults;

    ProjectsApiController(Projects projects, BookingDefaults bookingDefaults) {
        this.projects = projects;
        this.bookingDefaults = bookingDefaults;
    }

    @PostMapping("/api/v1/projects")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Map<String, UUID>> create(@AuthenticationPrincipal CurrentUser user, @RequestBody ProjectDraft body) {
        UUID id = projects.create(user.workspaceId(), user.userId(), body);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/api/v1/projects")
    Map<String, List<Project>> list(@AuthenticationPrincipal CurrentUser user) {
        return Map.of("items", projects.visibleTo(user));
    }

    @GetMapping("/api/v1/projects/{id}")
    Project project(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return projects.workable(user, id);
    }

    @PutMapping("/api/v1/projects/{id}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Project update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody ProjectDraft body) {
        return projects.update(user.workspaceId(), id, body);
    }

    /** What the project's booking dialog starts with: {@code {"defaultMeetingType": "VIDEO"}} or null for none. */
    @GetMapping("/api/v1/projects/{id}/booking-defaults")
    Map<String, String> bookingDefaults(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        projects.workable(user, id);
        return java.util.Collections.singletonMap(BookingDefaults.FIELD,
                bookingDefaults.meetingType(user.workspaceId(), id).orElse(null));
    }

    @PutMapping("/api/v1/projects/{id}/booking-defaults")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Map<String, String> saveBookingDefaults(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) Map<String, Object> body) {
        Object type = body == null ? null : body.get(BookingDefaults.FIELD);
        if (type != null && !(type instanceof String)) {
            throw ApiProblem.badRequest(BookingDefaults.FIELD, BookingDefaults.FIELD + " must be a meeting type code or null");
        }
        projects.project(user.workspaceId(), id);
        return java.util.Collections.singletonMap(BookingDefaults.FIELD,
                bookingDefaults.setMeetingType(user.workspaceId(), id, (String) type).orElse(null));
    }

    @GetMapping("/api/v1/projects/{id}/outcomes")
    Map<String, List<Outcome>> outcomes(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        projects.workable(user, id);
        return Map.of("items", projects.outcomes(user.workspaceId(), id));
    }

    @PutMapping("/api/v1/projects/{id}/outcomes/{code}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Outcome saveOutcome(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String code,
            @RequestBody OutcomeRequest body) {
        return projects.saveOutcome(user.workspaceId(), id, body.outcome(code));
    }

    @DeleteMapping("/api/v1/projects/{id}/outcomes/{code}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Void> deleteOutcome(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable String code) {
        projects.deleteOutcome(user.workspaceId(), id, code);
        return ResponseEntity.noContent().build();
    }

    /** An outcome as supervisors send it; {@code followUp} as text so that a bad value names its field. */
    record OutcomeRequest(String label, Integer node, Boolean connected, String followUp, Integer retryDelayMinutes,
            Boolean asksReason) {

        Outcome outcome(String code) {
            Outcome.FollowUp rule = null;
            if (followUp != null && !followUp.isBlank()) {
                try {
                    rule = Outcome.FollowUp.valueOf(followUp.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.badRequest("followUp",
                            "followUp must be one of " + List.of(Outcome.FollowUp.values()));
                }
            }
            return new Outcome(code, label, node == null ? 0 : node, Boolean.TRUE.equals(connected), false, rule,
                    retryDelayMinutes, Boolean.TRUE.equals(asksReason), false, 0);
        }
    }

    @GetMapping("/api/v1/projects/{id}/scripts")
    Map<String, List<Script>> scripts(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        projects.workable(user, id);
        return Map.of("items", projects.scripts(user.workspaceId(), id));
    }

    @GetMapping("/api/v1/projects/{id}/scripts/{language}")
    Script script(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String language) {
        projects.workable(user, id);
        return projects.scripts(user.workspaceId(), id).stream().filter(s -> s.language().equals(language))
                .findFirst().orElseThrow(() -> ApiProblem.notFound("script"));
    }

    @PutMapping("/api/v1/projects/{id}/scripts/{language}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Script saveScript(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable String language,
            @RequestBody ScriptRequest body) {
        return projects.saveScript(user.workspaceId(), user.userId(), id, new Script(language,
                Boolean.TRUE.equals(body.wordForWord()), body.start(), body.nodes(), body.objections()));
    }

    /** A script as supervisors send it; "word for word" is off unless said. */
    record ScriptRequest(Boolean wordForWord, String start, List<Script.Node> nodes, List<Script.Objection> objections) {
    }

    @GetMapping("/api/v1/holidays")
    Map<String, List<Holiday>> holidays(@AuthenticationPrincipal CurrentUser user,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        // Inputs.date gives null for a blank value too: the defaults then, as for an absent one
        LocalDate given = Inputs.date("from", from);
        LocalDate start = given == null ? LocalDate.now().withDayOfYear(1) : given;
        LocalDate until = Inputs.date("to", to);
        LocalDate end = until == null ? start.plusYears(1) : until;
        return Map.of("items", projects.holidays(user.workspaceId(), start, end));
    }

    @PostMapping("/api/v1/holidays")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Holiday> addHoliday(@AuthenticationPrincipal CurrentUser user, @RequestBody HolidayRequest body) {
        Holiday saved = projects.saveHoliday(user.workspaceId(),
                new Holiday(body.country(), body.day() == null ? null : Inputs.date("day", body.day()), body.name()));
        return ResponseEntity.status(201).body(saved);
    }

    record HolidayRequest(String country, String day, String name) {
    }

    @DeleteMapping("/api/v1/holidays/{country}/{day}")
    @PreAuthorize("hasRole('SUPERVISOR')")
    ResponseEntity<Void> deleteHoliday(@AuthenticationPrincipal CurrentUser user, @PathVariable String country,
            @PathVariable String day) {
        projects.deleteHoliday(user.workspaceId(), country, Inputs.date("day", day));
        return ResponseEntity.noContent().build();
    }

}
