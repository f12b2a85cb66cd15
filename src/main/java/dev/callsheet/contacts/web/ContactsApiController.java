package dev.callsheet.contacts.web;

import dev.callsheet.contacts.Activity;
import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactDraft;
import dev.callsheet.contacts.ContactPage;
import dev.callsheet.contacts.ContactSearch;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.DuplicateCandidate;
import dev.callsheet.contacts.DuplicateQuery;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.contacts.LeadStatus;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Client cards, their duplicate check and merging. Open to every role of the workspace. */
@RestController
@PreAuthorize("hasAnyRole('AGENT', 'REP')")
class ContactsApiController {

    /** A card as the API takes it: single {@code phone}/{@code email}/{@code website} or lists of them. */
    record CardRequest(String firstName, String surname, String organisation, String company, String jobTitle,
            String phone, List<String> phones, String email, List<String> emails, String website, List<String> websites,
            String address, String postcode, String city, String country, String region, String lineOfBusiness,
            String language, String status, UUID ownerId, String source, String heardOfUs,
            Map<String, String> custom, String registrationNumber) {

        ContactDraft draft() {
            return new ContactDraft(firstName, surname, organisation != null ? organisation : company, jobTitle,
                    both("phone", phone, phones, 60), both("email", email, emails, 254),
                    both("website", website, websites, 2000), address, postcode, city, country,
                    region, lineOfBusiness, language, parse("status", status, LeadStatus.class),
                    ownerId, parse("source", source, LeadSource.class), heardOfUs, custom, registrationNumber);
        }
    }

    /** A candidate as the API gives it; {@code comparisons} explains the score field by field (ADR 0006). */
    record CandidateView(String type, UUID id, String name, double score, List<String> reasons,
            List<DuplicateCandidate.Comparison> comparisons) {

        static CandidateView of(DuplicateCandidate candidate) {
            return new CandidateView(candidate.type(), candidate.id(), candidate.name(), candidate.score(),
                    candidate.reasons().stream().map(DuplicateCandidate.Reason::text).toList(),
                    candidate.comparisons());
        }
    }

    private final Contacts contacts;

    ContactsApiController(Contacts contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/api/v1/contacts")
    ContactPage search(@AuthenticationPrincipal CurrentUser user, @RequestParam(required = false) String q,
            @RequestParam(required = false) String status, @RequestParam(required = false) String source,
            @RequestParam(required = false) UUID owner, @RequestParam(required = false) String region,
            @RequestParam(required = false) String postcode, @RequestParam(required = false) String areaCode,
            @RequestParam(required = false) Integer minScore, @RequestParam(required = false) Boolean flagged,
            @RequestParam(required = false) String field,
            @RequestParam(required = false) String value, @RequestParam(required = false) String sort,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        if (page < 0) {
            throw ApiProblem.badRequest("page", "page must be 0 or more");
        }
        if (size < 1 || size > 500) {
            throw ApiProblem.badRequest("size", "size must be 1 to 500");
        }
        return contacts.search(user.workspaceId(), new ContactSearch(q, parse("status", status, LeadStatus.class),
                parse("source", source, LeadSource.class), owner, region, postcode, areaCode, minScore, flagged, field, value,
                sort, page, size));
    }

    @PostMapping("/api/v1/contacts")
    ResponseEntity<Map<String, UUID>> create(@AuthenticationPrincipal CurrentUser user, @RequestBody CardRequest body) {
        UUID id = contacts.create(user.workspaceId(), user.userId(), body.draft());
        return ResponseEntity.created(URI.create("/api/v1/contacts/" + id)).body(Map.of("id", id));
    }

    @GetMapping("/api/v1/contacts/{id}")
    ContactCard card(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return contacts.card(user.workspaceId(), id);
    }

    @PutMapping("/api/v1/contacts/{id}")
    ContactCard update(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @RequestBody CardRequest body) {
        contacts.update(user.workspaceId(), user.userId(), id, body.draft());
        return contacts.card(user.workspaceId(), id);
    }

    record BuyingRole(String buyingRole) {
    }

    /** The person's part in the buying process (docs/domain.md §7): decision maker, influencer, gatekeeper, user. */
    @PutMapping("/api/v1/contacts/{id}/buying-role")
    ContactCard buyingRole(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody BuyingRole body) {
        contacts.setBuyingRole(user.workspaceId(), id, body == null ? null : body.buyingRole());
        return contacts.card(user.workspaceId(), id);
    }

    record Campaign(String campaign) {
    }

    /** The marketing campaign (a coupon's or an advert's code) that brought the lead; null or blank clears it. */
    @PutMapping("/api/v1/contacts/{id}/campaign")
    ContactCard campaign(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @RequestBody(required = false) Campaign body) {
        contacts.setCampaignCode(user.workspaceId(), id, body == null ? null : body.campaign(), true, user.userId());
        return contacts.card(user.workspaceId(), id);
    }

    @GetMapping("/api/v1/contacts/{id}/activities")
    Map<String, List<Activity>> timeline(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return Map.of("items", contacts.timeline(user.workspaceId(), id));
    }

    @GetMapping("/api/v1/contacts/{id}/duplicates")
    Map<String, List<CandidateView>> duplicatesOf(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id) {
        return Map.of("candidates", contacts.duplicatesOf(user.workspaceId(), id).stream().map(CandidateView::of).toList());
    }

    /** Which card's value each field takes: {@code {"keep":{"city":"other"}}}; no body keeps today's merge. */
    record MergeRequest(Map<String, String> keep) {
    }

    @PostMapping("/api/v1/contacts/{id}/merge/{otherId}")
    ContactCard merge(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id, @PathVariable UUID otherId,
            @RequestBody(required = false) MergeRequest body) {
        return contacts.merge(user.workspaceId(), user.userId(), id, otherId, body == null ? null : body.keep());
    }

    /** The two cards are two clients: neither lists the other among its duplicates again. */
    @PostMapping("/api/v1/contacts/{id}/not-duplicate/{otherId}")
    Map<String, Object> notDuplicate(@AuthenticationPrincipal CurrentUser user, @PathVariable UUID id,
            @PathVariable UUID otherId) {
        contacts.notDuplicate(user.workspaceId(), user.userId(), id, otherId);
        return Map.of("id", id, "otherId", otherId, "notDuplicate", true);
    }

    @PostMapping("/api/v1/duplicates/check")
    Map<String, List<CandidateView>> check(@AuthenticationPrincipal CurrentUser user, @RequestBody DuplicateQuery query) {
        return Map.of("candidates", contacts.duplicates(user.workspaceId(), query, null).stream()
                .map(CandidateView::of).toList());
    }

    /** The single value and the list as one list; a value longer than {@code max} is no phone, address or site. */
    static List<String> both(String field, String one, List<String> many, int max) {
        List<String> all = new ArrayList<>();
        if (one != null && !one.isBlank()) {
            Inputs.optional(field, one, max);
            all.add(one);
        }
        if (many != null) {
            for (int i = 0; i < many.size(); i++) {
                Inputs.optional(field + "s[" + i + "]", many.get(i), max);
            }
            all.addAll(many);
        }
        return all;
    }

    static <E extends Enum<E>> E parse(String field, String value, Class<E> type) {
        return Inputs.choice(field, value, type, null);
    }
}
