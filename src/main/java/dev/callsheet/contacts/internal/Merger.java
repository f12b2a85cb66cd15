package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Activity;
import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactsMerged;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Two cards into one, losing nothing: the other card stays, marked as merged, for the record. */
@Component
public class Merger {

    private final JdbcClient jdbc;
    private final ActivityLog activities;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Merger(JdbcClient jdbc, ActivityLog activities, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.activities = activities;
        this.events = events;
        this.clock = clock;
    }

    /**
     * The card's scalar fields a merge may take from either card, by their API names, with their columns.
     * The owner is never lost (docs/domain.md §3): choosing the other card's owner when it has none keeps this one's.
     */
    public static final Map<String, String> FIELDS = fields();

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("firstName", "first_name");
        fields.put("surname", "surname");
        fields.put("organisation", "organisation_id");
        fields.put("jobTitle", "job_title");
        fields.put("address", "address");
        fields.put("postcode", "postcode");
        fields.put("city", "city");
        fields.put("country", "country");
        fields.put("region", "region_id");
        fields.put("lineOfBusiness", "line_of_business");
        fields.put("language", "language");
        fields.put("status", "status");
        fields.put("owner", "owner_id");
        fields.put("source", "source");
        fields.put("heardOfUs", "heard_of_us");
        fields.put("score", "score");
        fields.put("buyingRole", "buying_role");
        fields.put("campaignCode", "campaign_code");
        return Collections.unmodifiableMap(fields);
    }

    public void mergeContacts(UUID workspaceId, UUID actorId, ContactCard keep, ContactCard other) {
        mergeContacts(workspaceId, actorId, keep, other, Set.of());
    }

    /**
     * Merges {@code other} into {@code keep}. Fields named in {@code fromOther} (keys of {@link #FIELDS}) take the
     * other card's value; every other field keeps this card's value, filled from the other when empty.
     */
    public void mergeContacts(UUID workspaceId, UUID actorId, ContactCard keep, ContactCard other,
            Set<String> fromOther) {
        // Phones, e-mails and websites the kept card lacks move over; exact repeats are dropped.
        jdbc.sql("""
                UPDATE contact_point p SET contact_id = :keep
                WHERE p.workspace_id = :ws AND p.contact_id = :other AND NOT EXISTS (
                  SELECT 1 FROM contact_point k WHERE k.contact_id = :keep AND k.kind = p.kind
                    AND coalesce(k.value, k.raw) = coalesce(p.value, p.raw))""")
                .param("ws", workspaceId).param("keep", keep.id()).param("other", other.id()).update();
        jdbc.sql("UPDATE contact_activity SET contact_id = :keep WHERE workspace_id = :ws AND contact_id = :other")
                .param("ws", workspaceId).param("keep", keep.id()).param("other", other.id()).update();
        // Empty fields of the kept card are filled from the other; its own values win unless the other's was chosen.
        StringBuilder set = new StringBuilder();
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            String column = field.getValue();
            boolean always = column.equals("status") || column.equals("source");
            String value = !fromOther.contains(field.getKey()) ? (always ? "k." + column
                    : "coalesce(k." + column + ", o." + column + ")")
                    : column.equals("owner_id") ? "coalesce(o.owner_id, k.owner_id)" : "o." + column;
            set.append(column).append(" = ").append(value).append(", ");
        }
        jdbc.sql("UPDATE contact k SET " + set + """
                  custom = o.custom || k.custom, flagged_duplicate = false, updated_at = :now
                FROM contact o WHERE k.id = :keep AND o.id = :other AND k.workspace_id = :ws AND o.workspace_id = :ws""")
                .param("ws", workspaceId).param("keep", keep.id()).param("other", other.id())
                .param("now", Timestamp.from(clock.instant())).update();
        jdbc.sql("UPDATE contact SET merged_into = :keep, updated_at = :now WHERE id = :other AND workspace_id = :ws")
                .param("ws", workspaceId).param("keep", keep.id()).param("other", other.id())
                .param("now", Timestamp.from(clock.instant())).update();
        activities.record(workspaceId, keep.id(), null, Activity.MERGED, actorId,
                Map.of("mergedId", other.id().toString(), "mergedName", other.displayName(),
                        "fromOther", List.copyOf(new java.util.TreeSet<>(fromOther))));
        events.publishEvent(new ContactsMerged(workspaceId, keep.id(), other.id()));
    }
}
