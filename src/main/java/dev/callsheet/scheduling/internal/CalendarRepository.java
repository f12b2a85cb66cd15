package dev.callsheet.scheduling.internal;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.scheduling.MeetingType;
import dev.callsheet.scheduling.Person;
import dev.callsheet.scheduling.RepCalendar;
import dev.callsheet.scheduling.Territory;
import dev.callsheet.scheduling.Travel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Reps' calendars: {@code rep_calendar}, its exceptions and territories. */
@Repository
public class CalendarRepository {

    private static final TypeReference<Map<DayOfWeek, List<TimeWindow>>> HOURS = new TypeReference<>() { };
    private static final TypeReference<List<TimeWindow>> WINDOWS = new TypeReference<>() { };
    private static final TypeReference<List<MeetingType>> TYPES = new TypeReference<>() { };
    private static final TypeReference<List<Territory>> TERRITORIES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CalendarRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Writes a rep's calendar whole: hours, exceptions, territories; a rep back from leave is calibrated anew. */
    public void save(UUID workspaceId, RepCalendar calendar, Instant now) {
        UUID userId = calendar.rep().id();
        Travel travel = calendar.travel() == null ? Travel.NONE : calendar.travel();
        jdbc.sql("""
                INSERT INTO rep_calendar (workspace_id, user_id, time_zone, weekly_hours, meeting_types,
                  min_notice_minutes, daily_cap, weekly_cap, weight, email, active, calibrated_from, updated_at,
                  territories, travel_minutes, nearby_travel_minutes, on_site_daily_cap)
                VALUES (:ws, :user, :zone, :hours::jsonb, :types::jsonb, :notice, :daily, :weekly, :weight, :email,
                  :active, :now, :now, :territories::jsonb, :travel, :nearby, :onSite)
                ON CONFLICT (workspace_id, user_id) DO UPDATE SET time_zone = EXCLUDED.time_zone,
                  weekly_hours = EXCLUDED.weekly_hours, meeting_types = EXCLUDED.meeting_types,
                  min_notice_minutes = EXCLUDED.min_notice_minutes, daily_cap = EXCLUDED.daily_cap,
                  weekly_cap = EXCLUDED.weekly_cap, weight = EXCLUDED.weight, email = EXCLUDED.email,
                  active = EXCLUDED.active, territories = EXCLUDED.territories,
                  travel_minutes = EXCLUDED.travel_minutes, nearby_travel_minutes = EXCLUDED.nearby_travel_minutes,
                  on_site_daily_cap = EXCLUDED.on_site_daily_cap,
                  -- a rep coming back from leave is calibrated from now, so round robin does not flood them
                  calibrated_from = CASE WHEN EXCLUDED.active AND NOT rep_calendar.active THEN :now
                                         ELSE rep_calendar.calibrated_from END,
                  updated_at = :now""")
                .param("ws", workspaceId).param("user", userId).param("zone", calendar.timeZone())
                .param("hours", json.writeValueAsString(calendar.weeklyHours()))
                .param("types", json.writeValueAsString(calendar.meetingTypes()))
                .param("notice", calendar.minNoticeMinutes()).param("daily", calendar.dailyCap())
                .param("weekly", calendar.weeklyCap()).param("weight", calendar.weight())
                .param("email", calendar.email()).param("active", calendar.active())
                .param("now", Timestamp.from(now))
                .param("territories", json.writeValueAsString(calendar.territories()))
                .param("travel", travel.minutes()).param("nearby", travel.samePostcodeAreaMinutes())
                .param("onSite", travel.onSitePerDay()).update();
        jdbc.sql("DELETE FROM rep_calendar_exception WHERE workspace_id = ? AND user_id = ?")
                .params(workspaceId, userId).update();
        for (RepCalendar.DayException exception : calendar.exceptions()) {
            jdbc.sql("""
                    INSERT INTO rep_calendar_exception (workspace_id, user_id, day, hours, note)
                    VALUES (?, ?, ?, ?::jsonb, ?)""")
                    .params(workspaceId, userId, exception.date(), json.writeValueAsString(exception.hours()),
                            exception.note())
                    .update();
        }
        jdbc.sql("DELETE FROM rep_region WHERE workspace_id = ? AND user_id = ?").params(workspaceId, userId).update();
        for (RepCalendar.Region region : calendar.regions()) {
            jdbc.sql("INSERT INTO rep_region (workspace_id, user_id, region_id) VALUES (?, ?, ?)")
                    .params(workspaceId, userId, region.id()).update();
        }
    }

    public Optional<RepCalendar> calendar(UUID workspaceId, UUID userId) {
        return calendars(workspaceId, List.of(userId), false).stream().findFirst();
    }

    /** The calendars of the given reps (every rep of the workspace when empty), optionally only active ones. */
    public List<RepCalendar> calendars(UUID workspaceId, Collection<UUID> reps, boolean activeOnly) {
        UUID[] ids = reps.toArray(UUID[]::new);
        Map<UUID, List<RepCalendar.DayException>> exceptions = new HashMap<>();
        jdbc.sql("""
                SELECT user_id, day, hours, note FROM rep_calendar_exception
                WHERE workspace_id = ? AND (cardinality(?::uuid[]) = 0 OR user_id = ANY(?)) ORDER BY day""")
                .params(workspaceId, ids, ids)
                .query((ResultSet rs) -> {
                    exceptions.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(new RepCalendar.DayException(rs.getObject("day", LocalDate.class),
                                    json.readValue(rs.getString("hours"), WINDOWS), rs.getString("note")));
                });
        Map<UUID, List<RepCalendar.Region>> regions = new HashMap<>();
        jdbc.sql("""
                SELECT rr.user_id, r.id, r.name FROM rep_region rr JOIN region r ON r.id = rr.region_id
                WHERE rr.workspace_id = ? AND (cardinality(?::uuid[]) = 0 OR rr.user_id = ANY(?)) ORDER BY r.name""")
                .params(workspaceId, ids, ids)
                .query((ResultSet rs) -> {
                    regions.computeIfAbsent(rs.getObject("user_id", UUID.class), k -> new ArrayList<>())
                            .add(new RepCalendar.Region(rs.getObject("id", UUID.class), rs.getString("name")));
                });
        Map<String, String> regionNames = new HashMap<>();
        jdbc.sql("SELECT id, name FROM region WHERE workspace_id = ?").params(workspaceId)
                .query((ResultSet rs) -> {
                    regionNames.put(rs.getString("id"), rs.getString("name"));
                });
        return jdbc.sql("""
                SELECT c.*, u.username, u.display_name FROM rep_calendar c
                JOIN membership m ON m.workspace_id = c.workspace_id AND m.user_id = c.user_id
                JOIN app_user u ON u.id = c.user_id
                WHERE c.workspace_id = ? AND (cardinality(?::uuid[]) = 0 OR c.user_id = ANY(?))
                  AND (NOT ? OR (c.active AND m.active AND 'REP' = ANY(m.roles)))
                ORDER BY u.display_name, u.id""")
                .params(workspaceId, ids, ids, activeOnly)
                .query((rs, n) -> calendar(rs, exceptions, regions, regionNames)).list();
    }

    /** Which reps cover a region. */
    public List<UUID> repsOf(UUID workspaceId, UUID regionId) {
        return jdbc.sql("SELECT user_id FROM rep_region WHERE workspace_id = ? AND region_id = ?")
                .params(workspaceId, regionId).query(UUID.class).list();
    }

    /**
     * Weekly hours and meeting types as read from their JSON, kept by their text: availability reads every rep's
     * calendar on each request, and teams share a handful of distinct weeks. Values are immutable.
     */
    private final Map<String, Object> parsedJson = new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private <T> T parsed(String text, java.util.function.Function<String, T> parse) {
        Object known = parsedJson.get(text);
        if (known != null) {
            return (T) known;
        }
        T value = parse.apply(text);
        if (parsedJson.size() < 5_000) {
            parsedJson.put(text, value);
        }
        return value;
    }

    /** Territories as stored (regions by id) with the regions' names now; a region since deleted drops out. */
    private List<Territory> territories(String text, Map<String, String> regionNames) {
        List<Territory> stored = parsed(text, t -> List.copyOf(json.readValue(t, TERRITORIES)));
        if (stored.isEmpty()) {
            return stored;
        }
        List<Territory> named = new ArrayList<>(stored.size());
        for (Territory t : stored) {
            named.add(new Territory(t.meetingTypes(), t.countries(),
                    t.regions().stream().map(regionNames::get).filter(java.util.Objects::nonNull).toList(),
                    t.postcodes()));
        }
        return List.copyOf(named);
    }

    private RepCalendar calendar(ResultSet rs, Map<UUID, List<RepCalendar.DayException>> exceptions,
            Map<UUID, List<RepCalendar.Region>> regions, Map<String, String> regionNames) throws SQLException {
        UUID userId = rs.getObject("user_id", UUID.class);
        Map<DayOfWeek, List<TimeWindow>> hours = parsed(rs.getString("weekly_hours"), text -> {
            Map<DayOfWeek, List<TimeWindow>> week = new EnumMap<>(DayOfWeek.class);
            week.putAll(json.readValue(text, HOURS));
            return java.util.Collections.unmodifiableMap(week);
        });
        return new RepCalendar(new Person(userId, rs.getString("username"), rs.getString("display_name")),
                rs.getString("time_zone"), hours, List.copyOf(exceptions.getOrDefault(userId, List.of())),
                List.copyOf(regions.getOrDefault(userId, List.of())), parsed(rs.getString("meeting_types"), text -> List.copyOf(json.readValue(text, TYPES))),
                rs.getInt("min_notice_minutes"), rs.getObject("daily_cap", Integer.class),
                rs.getObject("weekly_cap", Integer.class), rs.getInt("weight"), rs.getString("email"),
                rs.getBoolean("active"), rs.getTimestamp("calibrated_from").toInstant(),
                territories(rs.getString("territories"), regionNames),
                new Travel(rs.getObject("travel_minutes", Integer.class),
                        rs.getObject("nearby_travel_minutes", Integer.class),
                        rs.getObject("on_site_daily_cap", Integer.class)));
    }
}
