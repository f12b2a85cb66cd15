package dev.callsheet.contacts.web;

import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.Contacts.ReviewPair;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The duplicate review a team can finish: flagged pairs by score, each merged (choosing field by field),
 * marked "not a duplicate" or skipped, one by one or in bulk, all by keyboard too.
 */
@Controller
@RequestMapping("/leads/review")
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class ReviewPagesController {

    /** How many flagged cards one review page looks at. */
    static final int PAGE = 100;

    /** A field on which the two cards differ, with both values as shown. */
    record Difference(String field, String label, String older, String newer) {
    }

    /** @param key the pair as the bulk form posts it: the older card's id, "_", the newer's */
    record Row(ReviewPair pair, List<Difference> differences, String key) {
    }

    /** The scalar fields the page offers to choose, with their labels and how a card shows them. */
    private static final Map<String, Map.Entry<String, Function<ContactCard, String>>> FIELDS = fields();

    private static Map<String, Map.Entry<String, Function<ContactCard, String>>> fields() {
        Map<String, Map.Entry<String, Function<ContactCard, String>>> f = new LinkedHashMap<>();
        f.put("firstName", Map.entry("card.firstName", ContactCard::firstName));
        f.put("surname", Map.entry("card.surname", ContactCard::surname));
        f.put("organisation", Map.entry("card.organisation", c -> c.organisation() == null ? null : c.organisation().name()));
        f.put("jobTitle", Map.entry("card.jobTitle", ContactCard::jobTitle));
        f.put("address", Map.entry("card.address", ContactCard::address));
        f.put("postcode", Map.entry("card.postcode", ContactCard::postcode));
        f.put("city", Map.entry("card.city", ContactCard::city));
        f.put("country", Map.entry("card.country", ContactCard::country));
        f.put("language", Map.entry("user.language", ContactCard::language));
        f.put("lineOfBusiness", Map.entry("card.lineOfBusiness", ContactCard::lineOfBusiness));
        f.put("status", Map.entry("card.status", c -> c.status().name()));
        f.put("source", Map.entry("card.source", c -> c.source().name()));
        f.put("owner", Map.entry("card.owner", c -> c.owner() == null ? null : c.owner().name()));
        f.put("heardOfUs", Map.entry("card.heardOfUs", ContactCard::heardOfUs));
        return f;
    }

    private final Contacts contacts;
    private final FormErrors formErrors;

    ReviewPagesController(Contacts contacts, FormErrors formErrors) {
        this.contacts = contacts;
        this.formErrors = formErrors;
    }

    @GetMapping
    String review(@AuthenticationPrincipal CurrentUser user, Model model) {
        List<Row> rows = new ArrayList<>();
        for (ReviewPair pair : contacts.reviewList(user.workspaceId(), PAGE)) {
            List<Difference> differences = new ArrayList<>();
            FIELDS.forEach((field, label) -> {
                String older = label.getValue().apply(pair.older());
                String newer = label.getValue().apply(pair.newer());
                if (!Objects.equals(older, newer)) {
                    differences.add(new Difference(field, label.getKey(), older, newer));
                }
            });
            rows.add(new Row(pair, differences, pair.older().id() + "_" + pair.newer().id()));
        }
        model.addAttribute("rows", rows);
        return "contacts/review";
    }

    /** Merges the newer card into the older; {@code keep.<field>=other} takes the newer card's value. */
    @PostMapping("/{id}/merge/{otherId}")
    String merge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID otherId,
            @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        Map<String, String> keep = new HashMap<>();
        params.forEach((name, value) -> {
            if (name.startsWith("keep.")) {
                keep.put(name.substring(5), value);
            }
        });
        try {
            contacts.merge(user.workspaceId(), user.userId(), id, otherId, keep);
            redirect.addFlashAttribute("flash", "flash.merged");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        }
        return "redirect:/leads/review";
    }

    @PostMapping("/{id}/not-duplicate/{otherId}")
    String notDuplicate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID otherId,
            RedirectAttributes redirect) {
        try {
            contacts.notDuplicate(user.workspaceId(), user.userId(), id, otherId);
            redirect.addFlashAttribute("flash", "flash.notDuplicate");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        }
        return "redirect:/leads/review";
    }

    /**
     * The selected pairs ({@code pair=<olderId>_<newerId>}) at once: {@code action=not-duplicate}, or
     * {@code action=merge-oldest} (each newer card into the older one).
     */
    @PostMapping("/bulk")
    String bulk(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String action,
            @RequestParam(name = "pair", required = false) List<String> pairs, RedirectAttributes redirect) {
        if (!"not-duplicate".equals(action) && !"merge-oldest".equals(action)) {
            throw ApiProblem.badRequest("action", "action must be not-duplicate or merge-oldest");
        }
        int done = 0;
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            String[] ids = pair.split("_", -1);
            if (ids.length != 2) {
                throw ApiProblem.badRequest("pair", "pair must be two card ids joined by _");
            }
            UUID older = uuid(ids[0]);
            UUID newer = uuid(ids[1]);
            try {
                if (action.equals("not-duplicate")) {
                    contacts.notDuplicate(user.workspaceId(), user.userId(), older, newer);
                } else {
                    contacts.merge(user.workspaceId(), user.userId(), older, newer);
                }
                done++;
            } catch (ApiProblem problem) {
                FormErrors.fixable(problem);
                redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
            }
        }
        redirect.addFlashAttribute("flash", done > 0 ? "flash.reviewBulk" : "flash.reviewNothing");
        return "redirect:/leads/review";
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("pair", "pair must be two card ids joined by _");
        }
    }
}
