package dev.callsheet.contacts;

import dev.callsheet.contacts.internal.ActivityLog;
import dev.callsheet.contacts.internal.CardKeys;
import dev.callsheet.contacts.internal.CardRepository;
import dev.callsheet.contacts.internal.CardRepository.ContactRow;
import dev.callsheet.contacts.internal.ContactQueries;
import dev.callsheet.contacts.internal.DialableQueries;
import dev.callsheet.contacts.internal.DuplicateFinder;
import dev.callsheet.contacts.internal.Merger;
import dev.callsheet.contacts.internal.MailProviders;
import dev.callsheet.contacts.internal.NotDuplicates;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Workspaces;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The client card: create, edit, read, list, check for duplicates and merge. Every method acts
 * in one workspace and rejects bad input with an {@link ApiProblem} naming the field.
 */
@Service
@Transactional
public class Contacts {

    /** The score from which a candidate counts as a likely duplicate (the check's threshold, ADR 0006). */
    public static final double FLAG_THRESHOLD = 0.5;


    private final CardRepository cards;
    private final ContactQueries queries;
    private final DuplicateFinder duplicates;
    private final MailProviders mailProviders;
    private final ActivityLog activities;
    private final Merger merger;
    private final NotDuplicates notDuplicates;
    private final People people;
    private final Workspaces workspaces;
    private final DialableQueries dialables;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Contacts(CardRepository cards, ContactQueries queries, DuplicateFinder duplicates, MailProviders mailProviders,
            ActivityLog activities, Merger merger, NotDuplicates notDuplicates, People people, Workspaces workspaces, DialableQueries dialables,
            ApplicationEventPublisher events, Clock clock) {
        this.cards = cards;
        this.queries = queries;
        this.duplicates = duplicates;
        this.mailProviders = mailProviders;
        this.activities = activities;
        this.merger = merger;
        this.notDuplicates = notDuplicates;
        this.people = people;
        this.workspaces = workspaces;
        this.dialables = dialables;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Saves a new card. A card identical in every normalised key to an existing one is not
     * stored twice: that is a 409 naming the existing card.
     */
    public UUID create(UUID workspaceId, UUID actorId, ContactDraft draft) {
        CardKeys keys = keys(workspaceId, draft);
        ContactRow row = row(workspaceId, draft, keys);
        cards.contactByFingerprint(workspaceId, keys.fingerprint()).ifPresent(existing -> {
            throw ApiProblem.conflict("card", "an identical card already exists: " + existing);
        });
        UUID id = cards.insertContact(workspaceId, row);
        cards.replacePoints(workspaceId, id, keys);
        activities.record(workspaceId, id, null, Activity.CREATED, actorId, Map.of());
        return id;
    }

    public void update(UUID workspaceId, UUID actorId, UUID id, ContactDraft draft) {
        ContactCard existing = card(workspaceId, id);
        if (existing.mergedInto() != null) {
            throw ApiProblem.conflict("merged", "this card was merged into " + existing.mergedInto());
        }
        CardKeys keys = keys(workspaceId, draft);
        ContactRow row = row(workspaceId, draft, keys);
        cards.contactByFingerprint(workspaceId, keys.fingerprint()).filter(other -> !other.equals(id))
                .ifPresent(other -> {
                    throw ApiProblem.conflict("card", "an identical card already exists: " + other);
                });
        cards.updateContact(workspaceId, id, row, clock.instant());
        cards.replacePoints(workspaceId, id, keys);
        activities.record(workspaceId, id, null, Activity.EDITED, actorId, Map.of());
        if (row.status() != existing.status()) {
            events.publishEvent(new LeadStatusChanged(workspaceId, id, existing.status(), row.status()));
        }
    }

    @Transactional(readOnly = true)
    public ContactCard card(UUID workspaceId, UUID id) {
        return cards.card(workspaceId, id).orElseThrow(() -> ApiProblem.notFound("contact"));
    }

    /** Whether the person has touched the card since the instant (speed to lead, docs/domain.md §3). */
    @Transactional(readOnly = true)
    public boolean touchedBy(UUID workspaceId, UUID contactId, UUID actorId, Instant since) {
        return activities.touchedBy(workspaceId, contactId, actorId, since);
    }

    @Transactional(readOnly = true)
    public List<Activity> timeline(UUID workspaceId, UUID id) {
        card(workspaceId, id);
        return activities.of(workspaceId, id);
    }

    @Transactional(readOnly = true)
    public ContactPage search(UUID workspaceId, ContactSearch search) {
        return queries.search(workspaceId, search, workspaces.defaultCountry(workspaceId).orElse(null));
    }

    /** Existing cards that may be the same client, best first (docs/domain.md §4). */
    @Transactional(readOnly = true)
    public List<DuplicateCandidate> duplicates(UUID workspaceId, DuplicateQuery query, UUID exclude) {
        // The same caps as a card's: a value longer than these is no phone, e-mail or site (and no 500).
        Inputs.optional("phone", query.phone(), 60);
        Inputs.optional("email", query.email(), 254);
        Inputs.optional("website", query.website(), 2000);
        String country = Inputs.country("country", query.country()).orElseGet(() -> workspaces.defaultCountry(workspaceId)
                .orElse(null));
        CardKeys keys = CardKeys.of(query.firstName(), query.surname(), query.company(), listOf(query.phone()),
                listOf(query.email()), listOf(query.website()), query.registrationNumber(), country,
                mailProviders.normalizer(workspaceId));
        return duplicates.find(workspaceId, new DuplicateFinder.Probe(keys, query.firstName(), query.address(),
                query.postcode(), query.city()),
                exclude, 20);
    }

    /** The duplicates of a stored card, for its page. */
    @Transactional(readOnly = true)
    public List<DuplicateCandidate> duplicatesOf(UUID workspaceId, UUID id) {
        ContactCard card = card(workspaceId, id);
        CardKeys keys = CardKeys.of(card.firstName(), card.surname(),
                card.organisation() == null ? null : card.organisation().name(),
                card.phones().stream().map(ContactCard.Point::raw).toList(),
                card.emails().stream().map(ContactCard.Point::raw).toList(),
                card.websites().stream().map(ContactCard.Point::raw).toList(), card.registrationNumber(),
                card.country() != null ? card.country() : workspaces.defaultCountry(workspaceId).orElse(null),
                mailProviders.normalizer(workspaceId));
        return duplicates.find(workspaceId,
                new DuplicateFinder.Probe(keys, card.firstName(), card.address(), card.postcode(), card.city(),
                        DuplicateFinder.birthDate(card.custom())), id, 20);
    }

    /**
     * Merges {@code otherId} into {@code keepId}: every phone, e-mail, website, note and activity
     * of the other card moves over, empty fields are filled from it, and the merge is recorded.
     */
    public ContactCard merge(UUID workspaceId, UUID actorId, UUID keepId, UUID otherId) {
        return merge(workspaceId, actorId, keepId, otherId, Map.of());
    }

    /** The scalar fields of a card a merge may take from either card ({@code keep.<field>}). */
    public static Set<String> mergeableFields() {
        return Merger.FIELDS.keySet();
    }

    /**
     * Merges {@code otherId} into {@code keepId}, taking each field named in {@code keep} from this card
     * ({@code "this"}) or the other ({@code "other"}); unnamed fields keep this card's value, filled from the
     * other when empty. An unknown field or choice is a 400 naming {@code keep.<field>}.
     */
    public ContactCard merge(UUID workspaceId, UUID actorId, UUID keepId, UUID otherId, Map<String, String> choices) {
        Set<String> fromOther = new java.util.HashSet<>();
        if (choices != null) {
            for (Map.Entry<String, String> choice : choices.entrySet()) {
                String field = "keep." + choice.getKey();
                if (!Merger.FIELDS.containsKey(choice.getKey())) {
                    throw ApiProblem.badRequest(field, field + " is not a field of a card; one of "
                            + Merger.FIELDS.keySet());
                }
                String side = choice.getValue() == null ? "" : choice.getValue().strip().toLowerCase(Locale.ROOT);
                if (!side.equals("this") && !side.equals("other")) {
                    throw ApiProblem.badRequest(field, field + " must be \"this\" or \"other\"");
                }
                if (side.equals("other")) {
                    fromOther.add(choice.getKey());
                }
            }
        }
        ContactCard keep = card(workspaceId, keepId);
        if (keepId.equals(otherId)) {
            throw ApiProblem.badRequest("otherId", "a card cannot be merged into itself");
        }
        ContactCard other = cards.card(workspaceId, otherId).orElseThrow(() -> ApiProblem.notFound("contact"));
        if (keep.mergedInto() != null || other.mergedInto() != null) {
            throw ApiProblem.conflict("merged", "one of these cards was already merged");
        }
        merger.mergeContacts(workspaceId, actorId, keep, other, fromOther);
        ContactCard merged = card(workspaceId, keepId);
        // The name shown and searched follows the names the merge chose.
        CardKeys keys = keys(workspaceId, ContactDraft.of(merged));
        cards.renameContact(workspaceId, keepId, CardKeys.displayName(merged.firstName(), merged.surname(),
                merged.organisation() == null ? null : merged.organisation().name(),
                merged.phones().stream().map(ContactCard.Point::raw).toList(),
                merged.emails().stream().map(ContactCard.Point::raw).toList()), keys);
        return card(workspaceId, keepId);
    }

    /**
     * Records that two cards are two clients: neither is offered as the other's duplicate again (card page,
     * duplicate check, import flags), the decision goes on both timelines, and a card's duplicate flag clears
     * once no other likely duplicate remains. Deciding a pair twice changes nothing.
     */
    public void notDuplicate(UUID workspaceId, UUID actorId, UUID id, UUID otherId) {
        ContactCard one = card(workspaceId, id);
        if (id.equals(otherId)) {
            throw ApiProblem.badRequest("otherId", "otherId must be another card than id");
        }
        ContactCard two = card(workspaceId, otherId);
        if (notDuplicates.decide(workspaceId, id, otherId, actorId, clock.instant())) {
            activities.record(workspaceId, id, null, Activity.NOT_DUPLICATE, actorId,
                    Map.of("otherId", otherId.toString(), "otherName", two.displayName()));
            activities.record(workspaceId, otherId, null, Activity.NOT_DUPLICATE, actorId,
                    Map.of("otherId", id.toString(), "otherName", one.displayName()));
        }
        for (ContactCard card : List.of(one, two)) {
            if (card.flaggedDuplicate() && card.mergedInto() == null && duplicatesOf(workspaceId, card.id()).stream()
                    .noneMatch(c -> c.type().equals("contact") && c.score() >= FLAG_THRESHOLD)) {
                cards.clearDuplicateFlag(workspaceId, card.id(), clock.instant());
            }
        }
    }

    /** A pair of cards on the review list: the older card first, the best score between them and why. */
    public record ReviewPair(ContactCard older, ContactCard newer, double score, List<DuplicateCandidate.Reason> reasons) {
    }

    /**
     * The review list: each flagged card with its likeliest duplicate, one entry per pair, highest score first
     * (ties: the older pair first). At most {@code limit} flagged cards are looked at.
     */
    @Transactional(readOnly = true)
    public List<ReviewPair> reviewList(UUID workspaceId, int limit) {
        List<ReviewPair> pairs = new java.util.ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        ContactPage flagged = search(workspaceId, new ContactSearch(null, null, null, null, null, null, null, null,
                true, null, null, "created", 0, limit));
        for (ContactSummary summary : flagged.items()) {
            Optional<DuplicateCandidate> best = duplicatesOf(workspaceId, summary.id()).stream()
                    .filter(c -> c.type().equals("contact")).findFirst();
            if (best.isEmpty()) {
                continue;
            }
            UUID one = summary.id();
            UUID two = best.get().id();
            String key = one.compareTo(two) < 0 ? one + ":" + two : two + ":" + one;
            if (!seen.add(key)) {
                continue;
            }
            ContactCard a = card(workspaceId, one);
            ContactCard b = card(workspaceId, two);
            boolean aOlder = a.createdAt().isBefore(b.createdAt())
                    || a.createdAt().equals(b.createdAt()) && a.id().compareTo(b.id()) < 0;
            pairs.add(new ReviewPair(aOlder ? a : b, aOlder ? b : a, best.get().score(), best.get().reasons()));
        }
        pairs.sort(java.util.Comparator.comparingDouble(ReviewPair::score).reversed()
                .thenComparing(p -> p.older().createdAt()).thenComparing(p -> p.older().id()));
        return pairs;
    }

    /** A line on a card's timeline, for other modules (called, booked...). */
    public void recordActivity(UUID workspaceId, UUID contactId, String kind, UUID actorId, Map<String, ?> details) {
        activities.record(workspaceId, contactId, null, kind, actorId, details);
    }

    /** A line on a card's timeline for something that happened at {@code at}. */
    public void recordActivity(UUID workspaceId, UUID contactId, String kind, UUID actorId, Map<String, ?> details,
            java.time.Instant at) {
        activities.record(workspaceId, contactId, null, kind, actorId, details, at);
    }

    /** The cards as a call queue needs them; unknown or merged ids are left out. */
    @Transactional(readOnly = true)
    public List<Dialable> dialables(UUID workspaceId, Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : dialables.byIds(workspaceId, ids);
    }

    @Transactional(readOnly = true)
    public Optional<Dialable> dialable(UUID workspaceId, UUID id) {
        return dialables.byId(workspaceId, id);
    }

    /** The live card's name and status, for a call that already knows the number it dials. */
    @Transactional(readOnly = true)
    public Optional<LeadHeadline> headline(UUID workspaceId, UUID id) {
        return dialables.headline(workspaceId, id);
    }

    /** One page of the live cards an import created, in id order after {@code after} (null: from the start). */
    @Transactional(readOnly = true)
    public List<Dialable> dialablesOfImport(UUID workspaceId, UUID importId, UUID after, int limit) {
        return dialables.ofImport(workspaceId, importId, after, limit);
    }

    /** Live cards carrying one of these numbers (E.164) among their phones. */
    @Transactional(readOnly = true)
    public List<UUID> withPhones(UUID workspaceId, Collection<String> e164s) {
        return e164s.isEmpty() ? List.of() : dialables.withPhones(workspaceId, e164s);
    }

    /** Marks a number dead in this workspace ("number does not exist"): it shows flagged on every card. */
    public void flagDeadNumber(UUID workspaceId, UUID contactId, String e164, UUID actorId) {
        if (dialables.flagPhone(workspaceId, e164, "INVALID_NUMBER", actorId, clock.instant())) {
            activities.record(workspaceId, contactId, null, Activity.PHONE_FLAGGED, actorId,
                    Map.of("phone", e164, "flag", "INVALID_NUMBER"));
        }
    }

    /** The person's part in the buying process: DECISION_MAKER, INFLUENCER, GATEKEEPER, USER, or null for not known. */
    public void setBuyingRole(UUID workspaceId, UUID contactId, String role) {
        String value = role == null || role.isBlank() ? null : role.strip().toUpperCase(java.util.Locale.ROOT);
        if (value != null && !ContactCard.BUYING_ROLES.contains(value)) {
            throw ApiProblem.badRequest("buyingRole", "buyingRole must be one of " + ContactCard.BUYING_ROLES);
        }
        if (!cards.setBuyingRole(workspaceId, contactId, value, clock.instant())) {
            throw ApiProblem.notFound("contact");
        }
    }

    /** What a campaign code may look like: a coupon's or an advert's code, as people type it. */
    private static final java.util.regex.Pattern CAMPAIGN_CODE =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

    /**
     * The campaign code as stored (upper case, so SPRING24 and spring24 are one campaign); a 400 naming
     * {@code field} for a code that is not one; null for none.
     */
    public static String campaignCode(String field, String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String value = code.strip();
        if (!CAMPAIGN_CODE.matcher(value).matches()) {
            throw ApiProblem.badRequest(field,
                    field + " must be 1 to 40 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * Ties the lead to a marketing campaign (a code on a web form or given on an inbound call). The first
     * code a card got stays (that campaign brought the lead) unless {@code replace}, as when a person edits it.
     */
    @Transactional
    public void setCampaignCode(UUID workspaceId, UUID contactId, String code, boolean replace, UUID actorId) {
        String value = campaignCode("campaign", code);
        ContactCard card = card(workspaceId, contactId);
        if (value == null && !replace || java.util.Objects.equals(value, card.campaignCode())) {
            return;
        }
        if (cards.setCampaignCode(workspaceId, contactId, value, replace, clock.instant())) {
            activities.record(workspaceId, contactId, null, Activity.CAMPAIGN, actorId,
                    value == null ? Map.of() : Map.of("campaign", value));
        }
    }

    /**
     * Ties many cards to one campaign at once, as an import does (no timeline line each); cards that have a
     * code keep it. Returns how many changed.
     */
    @Transactional
    public int setCampaignCodes(UUID workspaceId, Collection<UUID> contactIds, String code) {
        String value = campaignCode("campaign", code);
        return value == null || contactIds.isEmpty() ? 0
                : cards.setCampaignCodes(workspaceId, contactIds, value, clock.instant());
    }

    /**
     * Adds an address the lead gave on the call (to receive material, say: source 002) to the card, with
     * its duplicate keys; nothing changes when the card has it already. Returns the address as stored.
     */
    @Transactional
    public String addEmail(UUID workspaceId, UUID contactId, String email, UUID actorId) {
        String address = Inputs.email("to", email);
        if (address == null) {
            throw ApiProblem.badRequest("to", "to is required: the address to send to");
        }
        ContactCard card = card(workspaceId, contactId);
        boolean known = card.emails().stream()
                .anyMatch(e -> address.equalsIgnoreCase(e.value()) || address.equalsIgnoreCase(e.raw()));
        if (!known) {
            ContactDraft draft = ContactDraft.of(card);
            java.util.List<String> emails = new java.util.ArrayList<>(draft.emails());
            emails.add(address);
            update(workspaceId, actorId, contactId, draft.withEmails(emails));
        }
        return address;
    }

    /** Moves a lead along the funnel (e.g. to QUALIFIED after a call); recorded on the timeline. */
    public void setStatus(UUID workspaceId, UUID contactId, LeadStatus status, UUID actorId) {
        LeadStatus before = dialables.setStatus(workspaceId, contactId, status, clock.instant())
                .orElseThrow(() -> ApiProblem.notFound("contact"));
        if (before != status) {
            activities.record(workspaceId, contactId, null, Activity.STATUS_CHANGED, actorId,
                    Map.of("from", before.name(), "to", status.name()));
            events.publishEvent(new LeadStatusChanged(workspaceId, contactId, before, status));
        }
    }

    /**
     * Gives an unowned card to an owner, e.g. the rep who holds the meeting booked for it (docs/domain.md §3.2);
     * a card that already has an owner keeps it. Returns whether the owner was set.
     */
    public boolean claimOwner(UUID workspaceId, UUID contactId, UUID ownerId, UUID actorId) {
        boolean claimed = dialables.claimOwner(workspaceId, contactId, ownerId, clock.instant());
        if (claimed) {
            activities.record(workspaceId, contactId, null, Activity.OWNER_CHANGED, actorId,
                    Map.of("owner", ownerId.toString()));
        }
        return claimed;
    }

    /** Gives the card to a new owner whoever had it, e.g. account management once the lead is a customer. */
    public void handOver(UUID workspaceId, UUID contactId, UUID ownerId, UUID actorId) {
        if (dialables.setOwner(workspaceId, contactId, ownerId, clock.instant())) {
            activities.record(workspaceId, contactId, null, Activity.HANDED_OVER, actorId,
                    Map.of("owner", ownerId.toString()));
        }
    }

    CardKeys keys(UUID workspaceId, ContactDraft draft) {
        String country = Inputs.country("country", draft.country()).orElseGet(() -> workspaces.defaultCountry(workspaceId)
                .orElse(null));
        return CardKeys.of(draft.firstName(), draft.surname(), draft.organisation(), draft.phones(), draft.emails(),
                draft.websites(), draft.registrationNumber(), country, mailProviders.normalizer(workspaceId));
    }

    private ContactRow row(UUID workspaceId, ContactDraft draft, CardKeys keys) {
        String firstName = Inputs.optional("firstName", draft.firstName(), 100);
        String surname = Inputs.optional("surname", draft.surname(), 100);
        String organisationName = Inputs.optional("organisation", draft.organisation(), 300);
        String displayName = CardKeys.displayName(firstName, surname, organisationName, draft.phones(), draft.emails());
        if (displayName == null) {
            throw ApiProblem.badRequest("surname", "a card needs a name, a company, a phone or an e-mail");
        }
        UUID regionId = null;
        if (draft.region() != null && !draft.region().isBlank()) {
            regionId = people.regions(workspaceId).stream()
                    .filter(r -> r.id().toString().equals(draft.region().strip())
                            || r.name().equalsIgnoreCase(draft.region().strip()))
                    .findFirst().orElseThrow(() -> ApiProblem.badRequest("region",
                            "region " + draft.region() + " does not exist in this workspace"))
                    .id();
        }
        if (draft.registrationNumber() != null && !draft.registrationNumber().isBlank()
                && keys.identifier() == null) {
            throw ApiProblem.badRequest("registrationNumber", "registrationNumber must be 3 to 40 letters and digits");
        }
        if (draft.ownerId() != null && people.member(workspaceId, draft.ownerId()).filter(m -> m.active()).isEmpty()) {
            throw ApiProblem.badRequest("ownerId", "ownerId is not an active member of this workspace");
        }
        String country = Inputs.country("country", draft.country()).orElse(null);
        UUID organisationId = null;
        if (organisationName != null) {
            String key = NameKeys.company(organisationName);
            organisationId = key.isEmpty() ? null : cards.organisationByKey(workspaceId, key).orElseGet(
                    () -> cards.insertOrganisation(workspaceId, organisationName, key, draft.lineOfBusiness(), country,
                            null));
        }
        return new ContactRow(organisationId, firstName, surname, displayName, keys.surnameKey(), keys.nameKey(),
                Inputs.optional("jobTitle", draft.jobTitle(), 200), language(draft.language()),
                Inputs.optional("address", draft.address(), 500), Inputs.optional("postcode", draft.postcode(), 20),
                Inputs.optional("city", draft.city(), 200), country, regionId,
                Inputs.optional("lineOfBusiness", draft.lineOfBusiness(), 200),
                draft.status() == null ? LeadStatus.NEW : draft.status(), draft.ownerId(),
                draft.source() == null ? LeadSource.OTHER : draft.source(),
                Inputs.optional("heardOfUs", draft.heardOfUs(), 500), draft.custom(), keys.fingerprint());
    }


    private static String language(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(value.strip()).getLanguage();
        if (language.isEmpty() || !Set.of(Locale.getISOLanguages()).contains(language)) {
            throw ApiProblem.badRequest("language", "language must be an ISO 639 code such as nb, es, ru, ko, ro, en");
        }
        return language;
    }


    private static List<String> listOf(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value);
    }
}
