package dev.callsheet.contacts.web;

import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactDraft;
import dev.callsheet.contacts.ContactSearch;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.DuplicateCandidate;
import dev.callsheet.contacts.DuplicateQuery;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.contacts.internal.SavedViews;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.FormErrors;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.People;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Lead lists, the client card, its duplicate check and merging, as pages. */
@Controller
@RequestMapping("/leads")
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class LeadsPagesController {

    /** The card form as posted: phones, e-mails and websites one per line. */
    record CardForm(String firstName, String surname, String organisation, String jobTitle, String phones,
            String emails, String websites, String address, String postcode, String city, String country,
            String region, String lineOfBusiness, String language, LeadStatus status, LeadSource source,
            UUID ownerId, String heardOfUs, String registrationNumber) {

        static CardForm empty() {
            return new CardForm(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    LeadStatus.NEW, LeadSource.OTHER, null, null, null);
        }

        static CardForm of(ContactCard card) {
            return new CardForm(card.firstName(), card.surname(),
                    card.organisation() == null ? null : card.organisation().name(), card.jobTitle(),
                    lines(card.phones()), lines(card.emails()), lines(card.websites()), card.address(),
                    card.postcode(), card.city(), card.country(), card.region() == null ? null : card.region().id().toString(),
                    card.lineOfBusiness(), card.language(), card.status(), card.source(),
                    card.owner() == null ? null : card.owner().id(), card.heardOfUs(), card.registrationNumber());
        }

        ContactDraft draft() {
            return new ContactDraft(firstName, surname, organisation, jobTitle, split(phones), split(emails),
                    split(websites), address, postcode, city, country, region, lineOfBusiness, language, status, ownerId,
                    source, heardOfUs, Map.of(), registrationNumber);
        }

        DuplicateQuery query() {
            List<String> p = split(phones);
            List<String> e = split(emails);
            List<String> w = split(websites);
            return new DuplicateQuery(organisation, firstName, surname, p.isEmpty() ? null : p.get(0),
                    e.isEmpty() ? null : e.get(0), w.isEmpty() ? null : w.get(0), country, registrationNumber, address,
                    postcode, city);
        }

        private static String lines(List<ContactCard.Point> points) {
            return String.join("\n", points.stream().map(ContactCard.Point::raw).toList());
        }

        private static List<String> split(String text) {
            return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        }
    }

    /** What a query string as a browser sends it is made of: visible ASCII, without space, CR, LF, quotes or brackets. */
    private static final java.util.regex.Pattern QUERY = java.util.regex.Pattern.compile("[\\x21-\\x7E&&[^\"<>\\\\`]]*");

    private final Contacts contacts;
    private final People people;
    private final SavedViews views;
    private final FormErrors formErrors;

    LeadsPagesController(Contacts contacts, People people, SavedViews views, FormErrors formErrors) {
        this.contacts = contacts;
        this.people = people;
        this.views = views;
        this.formErrors = formErrors;
    }

    @ModelAttribute("statuses")
    List<LeadStatus> statuses() {
        return List.of(LeadStatus.values());
    }

    @ModelAttribute("sources")
    List<LeadSource> sources() {
        return List.of(LeadSource.values());
    }

    @GetMapping
    String list(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
            @RequestParam(required = false) LeadStatus status, @RequestParam(required = false) LeadSource source,
            @RequestParam(required = false) UUID owner, @RequestParam(required = false) String region,
            @RequestParam(required = false) String postcode, @RequestParam(required = false) String areaCode,
            @RequestParam(required = false) Integer minScore, @RequestParam(required = false) Boolean flagged,
            @RequestParam(required = false) String field, @RequestParam(required = false) String value,
            @RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
            @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model) {
        ContactSearch search = new ContactSearch(blank(q), status, source, owner, blank(region), blank(postcode),
                blank(areaCode), minScore, Boolean.TRUE.equals(flagged) ? Boolean.TRUE : null, blank(field), blank(value),
                blank(sort), page, 50);
        model.addAttribute("search", search);
        model.addAttribute("results", contacts.search(user.workspaceId(), search));
        model.addAttribute("query", request.getQueryString() == null ? "" : request.getQueryString());
        if (htmx != null) {
            return "contacts/list :: results";
        }
        model.addAttribute("owners", people.members(user.workspaceId()));
        model.addAttribute("regions", people.regions(user.workspaceId()));
        model.addAttribute("views", views.of(user.workspaceId(), user.userId()));
        return "contacts/list";
    }

    @PostMapping("/views")
    String saveView(@AuthenticationPrincipal CurrentUser user, @RequestParam String name, @RequestParam String query,
            RedirectAttributes redirect) {
        if (!QUERY.matcher(query).matches()) {
            // the query is the list's own, as the browser encoded it; it goes back into a Location header
            throw ApiProblem.badRequest("query", "query must be an encoded query string");
        }
        if (query.length() > 2000) {
            throw ApiProblem.badRequest("query", "query must be at most 2000 characters long");
        }
        if (name == null || name.isBlank() || name.strip().length() > 80) {
            redirect.addFlashAttribute("flashError", formErrors.of(ApiProblem.badRequest("name", "name")).get("name"));
        } else {
            views.save(user.workspaceId(), user.userId(), name.strip(), query.replaceAll("(^|&)page=\\d+", ""));
            redirect.addFlashAttribute("flash", "flash.viewSaved");
        }
        return "redirect:/leads?" + query;
    }

    @PostMapping("/views/{id}/delete")
    String deleteView(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, RedirectAttributes redirect) {
        if (!views.delete(user.workspaceId(), user.userId(), id)) {
            throw ApiProblem.notFound("view");
        }
        redirect.addFlashAttribute("flash", "flash.deleted");
        return "redirect:/leads";
    }

    @GetMapping("/new")
    String newCard(@AuthenticationPrincipal CurrentUser user, Model model) {
        return form(user, model, CardForm.empty(), null, List.of(), Map.of());
    }

    @PostMapping("/new")
    String create(@AuthenticationPrincipal CurrentUser user, CardForm form,
            @RequestParam(defaultValue = "false") boolean confirmed, Model model) {
        try {
            List<DuplicateCandidate> candidates = contacts.duplicates(user.workspaceId(), form.query(), null);
            if (!confirmed && candidates.stream().anyMatch(c -> c.score() >= 0.5)) {
                model.addAttribute("mustConfirm", true);
                return form(user, model, form, null, candidates, Map.of());
            }
            UUID id = contacts.create(user.workspaceId(), user.userId(), form.draft());
            return "redirect:/leads/" + id + "?created";
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return form(user, model, form, null, List.of(), formErrors.of(problem));
        }
    }

    /** As the agent types: the cards that may already be this client. */
    @PostMapping("/duplicates")
    String duplicates(@AuthenticationPrincipal CurrentUser user, CardForm form,
            @RequestParam(required = false) UUID exclude, Model model) {
        try {
            if (exclude != null) {
                contacts.card(user.workspaceId(), exclude); // another workspace's card is a 404
            }
            model.addAttribute("candidates", contacts.duplicates(user.workspaceId(), form.query(), exclude));
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            model.addAttribute("candidates", List.of());
        }
        model.addAttribute("cardId", exclude);
        return "contacts/form :: candidates";
    }

    @GetMapping("/{id}")
    String card(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        ContactCard card = contacts.card(user.workspaceId(), id);
        model.addAttribute("card", card);
        model.addAttribute("timeline", contacts.timeline(user.workspaceId(), id));
        model.addAttribute("candidates", card.mergedInto() == null ? contacts.duplicatesOf(user.workspaceId(), id)
                : List.of());
        model.addAttribute("cardId", id);
        model.addAttribute("buyingRoles", ContactCard.BUYING_ROLES);
        return "contacts/card";
    }

    @PostMapping("/{id}/buying-role")
    String buyingRole(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String buyingRole, RedirectAttributes redirect) {
        contacts.setBuyingRole(user.workspaceId(), id, buyingRole);
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/leads/" + id;
    }

    @PostMapping("/{id}/campaign")
    String campaign(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestParam(required = false) String campaign, RedirectAttributes redirect) {
        try {
            contacts.setCampaignCode(user.workspaceId(), id, campaign, true, user.userId());
            redirect.addFlashAttribute("flash", "flash.saved");
        } catch (dev.callsheet.web.ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("campaignError", problem.getMessage());
        }
        return "redirect:/leads/" + id;
    }

    @GetMapping("/{id}/edit")
    String edit(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, Model model) {
        return form(user, model, CardForm.of(contacts.card(user.workspaceId(), id)), id, List.of(), Map.of());
    }

    @PostMapping("/{id}/edit")
    String update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, CardForm form, Model model,
            RedirectAttributes redirect) {
        try {
            contacts.update(user.workspaceId(), user.userId(), id, form.draft());
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            return form(user, model, form, id, List.of(), formErrors.of(problem));
        }
        redirect.addFlashAttribute("flash", "flash.saved");
        return "redirect:/leads/" + id;
    }

    @GetMapping("/{id}/compare/{otherId}")
    String compare(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID otherId,
            Model model) {
        model.addAttribute("left", contacts.card(user.workspaceId(), id));
        model.addAttribute("right", contacts.card(user.workspaceId(), otherId));
        return "contacts/compare";
    }

    @PostMapping("/{id}/merge/{otherId}")
    String merge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID otherId,
            RedirectAttributes redirect) {
        try {
            contacts.merge(user.workspaceId(), user.userId(), id, otherId);
            redirect.addFlashAttribute("flash", "flash.merged");
        } catch (ApiProblem problem) {
            FormErrors.fixable(problem);
            redirect.addFlashAttribute("flashError", formErrors.of(problem).values().iterator().next());
        }
        return "redirect:/leads/" + id;
    }

    private String form(CurrentUser user, Model model, CardForm form, UUID id, List<DuplicateCandidate> candidates,
            Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("cardId", id);
        model.addAttribute("candidates", candidates);
        model.addAttribute("errors", errors);
        errors.values().stream().findFirst().ifPresent(message -> model.addAttribute("flashError", message));
        model.addAttribute("owners", people.members(user.workspaceId()).stream().filter(m -> m.active()).toList());
        model.addAttribute("regions", people.regions(user.workspaceId()));
        return "contacts/form";
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
