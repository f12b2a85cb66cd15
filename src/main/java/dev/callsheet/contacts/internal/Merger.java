package dev.callsheet.contacts.internal;

import dev.callsheet.contacts.Activity;
import dev.callsheet.contacts.ContactCard;
import dev.callsheet.contacts.ContactsMerged;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
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

    public void mergeContacts(UUID workspaceId, UUID actorId, ContactCard keep, ContactCard other) {
        // Phones, e-mails and websites the kept card lacks move over; exact repeats are dropped.
        jdbc.sql("""
                UPDATE contact_point p SET contact_id = :keep
                WHERE p.workspace_id = :ws AND p.contact_id = :other AND NOT EXISTS (
                  SELECT 1 FROM contact_point k WHERE k.contact_id = :keep AND k.kind = p.kind
                    AND coalesce(k.value, k.raw) = coalesce(p.value, p.raw))""")
                .param("ws", workspaceId).param("keep", keep.id()).param("other", other.id()).update();
        jdbc.sql("UPDATE contact_activity SET contact_id = :keep WHERE workspace_id = :ws AND contact_id = :other")
                .param("ws", workspaceId).param("keep", keep.id()).param("other", other.id()).update();
        // Empty fields of the kept card are filled from the other; its own values win.
        jdbc.sql("""
                UPDATE contact k SET
                  organisation_id = coalesce(k.organisation_id, o.organisation_id),
                  first_name = coalesce(k.first_name, o.first_name), surname = coalesce(k.surname, o.surname),
                  job_title = coalesce(k.job_title, o.job_title), language = coalesce(k.language, o.language),
                  address = coalesce(k.address, o.address), postcode = coalesce(k.postcode, o.postcode),
                  city = coalesce(k.city, o.city), country = coalesce(k.country, o.country),
                  region_id = coalesce(k.region_id, o.region_id),
                  line_of_business = coalesce(k.line_of_business, o.line_of_business),
                  owner_id = coalesce(k.owner_id, o.owner_id), heard_of_us = coalesce(k.heard_of_us, o.heard_of_us),
                  score = coalesce(k.score, o.score), custom = o.custom || k.custom,
                  flagged_duplicate = false, updated_at = :now
                FROM contact o WHERE k.id = :keep AND o.id = :other AND k.workspace_id = :ws AND o.workspace_id = :ws""")
                .param("ws", workspaceId).param("keep", keep.id()).param("other", other.id())
                .param("now", Timestamp.from(clock.instant())).update();
        jdbc.sql("UPDATE contact SET merged_into = :keep, updated_at = :now WHERE id = :other AND workspace_id = :ws")
                .param("ws", workspaceId).param("keep", keep.id()).param("other", other.id())
                .param("now", Timestamp.from(clock.instant())).update();
        activities.record(workspaceId, keep.id(), null, Activity.MERGED, actorId,
                Map.of("mergedId", other.id().toString(), "mergedName", other.displayName()));
        events.publishEvent(new ContactsMerged(workspaceId, keep.id(), other.id()));
    }
}
