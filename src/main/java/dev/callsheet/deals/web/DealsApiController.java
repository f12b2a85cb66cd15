package dev.callsheet.deals.web;

import dev.callsheet.deals.Deal;
import dev.callsheet.deals.Deals;
import dev.callsheet.workspace.CurrentUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Deals, as far as the hand-off from booking goes today. */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class DealsApiController {

    private final Deals deals;

    DealsApiController(Deals deals) {
        this.deals = deals;
    }

    @GetMapping("/api/v1/deals")
    Map<String, List<Deal>> ofContact(@AuthenticationPrincipal CurrentUser user, @RequestParam UUID contactId) {
        return Map.of("items", deals.ofContact(user, contactId));
    }
}
