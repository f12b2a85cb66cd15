package dev.callsheet.scheduling.web;

import dev.callsheet.scheduling.internal.CalDavCalendars;
import dev.callsheet.workspace.CurrentUser;
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
import org.springframework.web.bind.annotation.RestController;

/**
 * A rep's own CalDAV calendar: a rep connects their own, a supervisor anyone's. The password goes in and never
 * comes out; the answers say when the calendar was last read and what went wrong last.
 */
@RestController
@PreAuthorize("hasRole('REP')")
class CalDavApiController {

    private final CalDavCalendars caldav;

    CalDavApiController(CalDavCalendars caldav) {
        this.caldav = caldav;
    }

    @GetMapping("/api/v1/reps/{userId}/caldav")
    CalDavCalendars.Settings get(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID userId) {
        return caldav.settings(user, userId);
    }

    @PutMapping("/api/v1/reps/{userId}/caldav")
    CalDavCalendars.Settings put(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID userId,
            @RequestBody(required = false) CalDavCalendars.Draft body) {
        return caldav.connect(user, userId, body);
    }

    @DeleteMapping("/api/v1/reps/{userId}/caldav")
    ResponseEntity<Void> delete(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID userId) {
        caldav.disconnect(user, userId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/reps/{userId}/caldav/sync")
    CalDavCalendars.Settings sync(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID userId) {
        return caldav.syncNow(user, userId);
    }
}
