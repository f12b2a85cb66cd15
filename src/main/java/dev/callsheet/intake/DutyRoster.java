package dev.callsheet.intake;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.intake.internal.IntakeRepository;
import dev.callsheet.web.ApiProblem;
import dev.callsheet.web.Inputs;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The duty roster (docs/domain.md §3.1): per region, a repeating week of duties in the region's zone, and swaps that
 * override it for a while. At any instant it says who is on duty; ahead of time it says where cover is missing.
 * A region without a roster of its own falls back to the workspace's (region-less) roster.
 */
@Service
public class DutyRoster {

    /** A repeating duty as a client sends it. */
    public record PatternDraft(String weekday, String from, String to, String userId, String timeZone) {
    }

    /** A stretch of the cover hours with nobody on duty. */
    public record Gap(Instant from, Instant to) {
    }

    /** The hours a region needs someone on duty: Monday to Friday, 08:00-17:00 on the roster's clock. */
    private static final LocalTime COVER_FROM = LocalTime.of(8, 0);
    private static final LocalTime COVER_TO = LocalTime.of(17, 0);

    private final IntakeRepository repository;
    private final People people;
    private final Clock clock;

    DutyRoster(IntakeRepository repository, People people, Clock clock) {
        this.repository = repository;
        this.people = people;
        this.clock = clock;
    }

    /** Replaces a region's repeating week (the workspace's when {@code region} is empty). */
    @Transactional
    public List<DutyPattern> savePatterns(CurrentUser user, String region, List<PatternDraft> drafts) {
        UUID regionId = regionId(user.workspaceId(), region);
        List<IntakeRepository.PatternRow> rows = new ArrayList<>();
        List<PatternDraft> list = drafts == null ? List.of() : drafts;
        for (int i = 0; i < list.size(); i++) {
            String field = "items[" + i + "]";
            PatternDraft d = list.get(i);
            if (d == null) {
                throw ApiProblem.badRequest(field, "a duty needs weekday, from, to and userId");
            }
            DayOfWeek day;
            try {
                day = DayOfWeek.valueOf(Inputs.required(field + ".weekday", d.weekday(), 20).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest(field + ".weekday", "weekday must be MONDAY to SUNDAY");
            }
            TimeWindow window = TimeWindow.checked(field, List.of(new TimeWindow(d.from(), d.to()))).get(0);
            Member member = member(user.workspaceId(), field + ".userId", d.userId());
            String zone = zone(field + ".timeZone", d.timeZone(), user.timeZone().getId());
            rows.add(new IntakeRepository.PatternRow(null, regionId,
                    new Person(member.id(), member.username(), member.displayName()), day.getValue(),
                    window.startMinute(), window.endMinute(), zone));
        }
        repository.replacePatterns(user.workspaceId(), regionId, rows, clock.instant());
        return patterns(user.workspaceId(), region);
    }

    @Transactional(readOnly = true)
    public List<DutyPattern> patterns(UUID workspaceId, String region) {
        return repository.patterns(workspaceId, regionId(workspaceId, region)).stream()
                .map(p -> new DutyPattern(p.id(), DayOfWeek.of(p.weekday()).name(), hhmm(p.starts()), hhmm(p.ends()),
                        p.zone(), p.user()))
                .toList();
    }

    /** A swap: {@code userId} covers [from, to) whatever the week says. */
    @Transactional
    public UUID addSwap(CurrentUser user, String region, String userId, String from, String to, String note) {
        UUID regionId = regionId(user.workspaceId(), region);
        Member member = member(user.workspaceId(), "userId", userId);
        Instant start = Inputs.instant("from", from, user.timeZone());
        Instant end = Inputs.instant("to", to, user.timeZone());
        if (!end.isAfter(start)) {
            throw ApiProblem.badRequest("to", "to must be after from");
        }
        return repository.addSwap(user.workspaceId(), regionId, member.id(), start, end,
                Inputs.optional("note", note, 200), user.userId(), clock.instant());
    }

    @Transactional
    public void deleteSwap(CurrentUser user, UUID id) {
        if (!repository.deleteSwap(user.workspaceId(), id)) {
            throw ApiProblem.notFound("swap");
        }
    }

    /**
     * Who is on duty for the region at the instant: a swap first, then the week; then the workspace's roster. For a
     * lead of no known region: the workspace's roster, else whoever is on duty in a region (by region name).
     */
    @Transactional(readOnly = true)
    public Optional<DutyShift> onDuty(UUID workspaceId, UUID regionId, Instant at) {
        return new Rosters(workspaceId, at, at.plusMillis(1)).onDuty(regionId, at);
    }

    /** Same, for a region given by name or id (empty: the workspace's roster). */
    @Transactional(readOnly = true)
    public Optional<DutyShift> onDuty(UUID workspaceId, String region, Instant at) {
        return onDuty(workspaceId, regionId(workspaceId, region), at);
    }

    /**
     * Where nobody is on duty in the cover hours of the coming {@code days} days, counted on the roster's clock
     * ({@code viewer}'s when the roster has no duty yet).
     */
    @Transactional(readOnly = true)
    public List<Gap> gaps(UUID workspaceId, String region, int days, ZoneId viewer) {
        UUID regionId = regionId(workspaceId, region);
        List<IntakeRepository.PatternRow> patterns = repository.patterns(workspaceId, regionId);
        ZoneId zone = clockOf(patterns, viewer);
        Instant now = clock.instant();
        // every roster that may answer, read once for the whole stretch, not once per half hour
        Rosters rosters = new Rosters(workspaceId, now, now.plus(java.time.Duration.ofDays(days + 1L)));
        List<Gap> gaps = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(now, zone);
        Instant gapStart = null;
        for (int d = 0; d < days; d++, day = day.plusDays(1)) {
            if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                continue;
            }
            for (LocalTime t = COVER_FROM; t.isBefore(COVER_TO); t = t.plusMinutes(30)) {
                Instant at = ZonedDateTime.of(day, t, zone).toInstant();
                boolean covered = at.isBefore(now) || rosters.onDuty(regionId, at).isPresent();
                if (!covered && gapStart == null) {
                    gapStart = at;
                } else if (covered && gapStart != null) {
                    gaps.add(new Gap(gapStart, at));
                    gapStart = null;
                }
            }
            if (gapStart != null) {
                gaps.add(new Gap(gapStart, ZonedDateTime.of(day, COVER_TO, zone).toInstant()));
                gapStart = null;
            }
        }
        return gaps;
    }

    /**
     * The roster of one week drawn as a grid: per half hour of the day (06:00-22:00, or the whole day when a
     * duty reaches outside it) and per day, who is on duty (the week's pattern or a swap), a gap where the
     * cover hours have nobody, or nothing. Each cell spans the half hours its stretch lasts.
     *
     * @param rows one per half hour; a row holds only the cells that start in it (the rest are spanned)
     */
    public record WeekGrid(LocalDate monday, ZoneId zone, List<LocalDate> days, List<GridRow> rows,
            List<Person> people) {
    }

    public record GridRow(LocalTime time, List<GridCell> cells) {
    }

    /**
     * @param kind   DUTY, SWAP, GAP (cover hours with nobody) or NONE
     * @param colour the person's place in {@link WeekGrid#people()}, for telling people apart; -1 for none
     */
    public record GridCell(int day, int rowspan, String kind, String who, int colour, LocalTime from, LocalTime to) {
    }

    /** The week holding {@code anyDay} (today when null) of the region's roster, on the roster's clock. */
    @Transactional(readOnly = true)
    public WeekGrid week(UUID workspaceId, String region, LocalDate anyDay, ZoneId viewer) {
        UUID regionId = regionId(workspaceId, region);
        List<IntakeRepository.PatternRow> patterns = repository.patterns(workspaceId, regionId);
        ZoneId zone = clockOf(patterns, viewer);
        LocalDate monday = (anyDay == null ? LocalDate.now(clock.withZone(zone)) : anyDay)
                .with(java.time.temporal.TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        boolean wholeDay = patterns.stream().anyMatch(p -> p.starts() < 6 * 60 || p.ends() > 22 * 60);
        int firstSlot = wholeDay ? 0 : 12;
        int slots = wholeDay ? 48 : 32;
        Instant from = monday.atStartOfDay(zone).toInstant();
        Rosters rosters = new Rosters(workspaceId, from, monday.plusDays(8).atStartOfDay(zone).toInstant());
        List<Person> people = new ArrayList<>();
        String[][] keys = new String[7][slots];
        GridCell[][] what = new GridCell[7][slots];
        for (int d = 0; d < 7; d++) {
            LocalDate day = monday.plusDays(d);
            boolean weekday = day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
            for (int i = 0; i < slots; i++) {
                LocalTime time = LocalTime.MIDNIGHT.plusMinutes(30L * (firstSlot + i));
                Optional<DutyShift> shift = rosters.onDuty(regionId, ZonedDateTime.of(day, time, zone).toInstant());
                if (shift.isPresent()) {
                    Person who = shift.get().user();
                    if (!people.contains(who)) {
                        people.add(who);
                    }
                    String kind = shift.get().source().equals("SWAP") ? "SWAP" : "DUTY";
                    keys[d][i] = kind + who.id();
                    what[d][i] = new GridCell(d, 1, kind, who.displayName(), people.indexOf(who), time, time);
                } else {
                    boolean cover = weekday && !time.isBefore(COVER_FROM) && time.isBefore(COVER_TO);
                    keys[d][i] = cover ? "GAP" : "NONE";
                    what[d][i] = new GridCell(d, 1, keys[d][i], null, -1, time, time);
                }
            }
        }
        List<List<GridCell>> starting = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            starting.add(new ArrayList<>());
        }
        for (int d = 0; d < 7; d++) {
            for (int i = 0; i < slots; ) {
                int end = i + 1;
                while (end < slots && keys[d][end].equals(keys[d][i])) {
                    end++;
                }
                GridCell c = what[d][i];
                starting.get(i).add(new GridCell(d, end - i, c.kind(), c.who(), c.colour(), c.from(),
                        LocalTime.MIDNIGHT.plusMinutes(30L * (firstSlot + end))));
                i = end;
            }
        }
        List<GridRow> rows = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            rows.add(new GridRow(LocalTime.MIDNIGHT.plusMinutes(30L * (firstSlot + i)), starting.get(i)));
        }
        List<LocalDate> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            days.add(monday.plusDays(d));
        }
        return new WeekGrid(monday, zone, days, rows, people);
    }

    /** The region's id for a name or id; null for none. */
    public UUID regionId(UUID workspaceId, String region) {
        if (region == null || region.isBlank()) {
            return null;
        }
        String wanted = region.strip();
        return people.regions(workspaceId).stream()
                .filter(r -> r.id().toString().equals(wanted) || r.name().equalsIgnoreCase(wanted))
                .findFirst().map(Member.Named::id)
                .orElseThrow(() -> ApiProblem.badRequest("region", "region " + wanted + " does not exist in this workspace"));
    }

    /** One region's roster (or the workspace's, region null) as read for a stretch of time. */
    private record Roster(UUID regionId, String regionName, List<IntakeRepository.SwapRow> swaps,
            List<IntakeRepository.PatternRow> patterns) {
    }

    /**
     * The rosters of a workspace for a stretch of time, each read when first needed: a swap first, then the week;
     * then the workspace's roster; for no region, whoever is on duty in a region (by region name).
     */
    private final class Rosters {

        private final UUID workspaceId;
        private final Instant from;
        private final Instant to;
        private final List<Member.Named> regions;
        private final java.util.Map<UUID, Roster> read = new java.util.HashMap<>();

        Rosters(UUID workspaceId, Instant from, Instant to) {
            this.workspaceId = workspaceId;
            this.from = from;
            this.to = to;
            this.regions = people.regions(workspaceId).stream()
                    .sorted(java.util.Comparator.comparing(Member.Named::name)).toList();
        }

        Optional<DutyShift> onDuty(UUID regionId, Instant at) {
            Optional<DutyShift> shift = shift(roster(regionId), at);
            if (shift.isPresent()) {
                return shift;
            }
            if (regionId != null) {
                return shift(roster(null), at);
            }
            return regions.stream().map(r -> shift(roster(r.id()), at)).flatMap(Optional::stream).findFirst();
        }

        private Roster roster(UUID regionId) {
            return read.computeIfAbsent(regionId, id -> new Roster(id, id == null ? null : regions.stream()
                    .filter(r -> r.id().equals(id)).map(Member.Named::name).findFirst().orElse(null),
                    repository.swaps(workspaceId, id, from, to), repository.patterns(workspaceId, id)));
        }
    }

    private static Optional<DutyShift> shift(Roster roster, Instant at) {
        for (IntakeRepository.SwapRow swap : roster.swaps()) { // latest first
            if (!at.isBefore(swap.from()) && at.isBefore(swap.to())) {
                return Optional.of(new DutyShift(swap.user(), roster.regionId(), roster.regionName(), swap.from(),
                        swap.to(), "SWAP"));
            }
        }
        for (IntakeRepository.PatternRow p : roster.patterns()) {
            ZoneId zone = ZoneId.of(p.zone());
            ZonedDateTime local = at.atZone(zone);
            for (LocalDate day : List.of(local.toLocalDate(), local.toLocalDate().minusDays(1))) {
                if (day.getDayOfWeek().getValue() != p.weekday()) {
                    continue;
                }
                Instant start = day.atStartOfDay(zone).plusMinutes(p.starts()).toInstant();
                Instant end = day.atStartOfDay(zone).plusMinutes(p.ends()).toInstant();
                if (!at.isBefore(start) && at.isBefore(end)) {
                    return Optional.of(new DutyShift(p.user(), roster.regionId(), roster.regionName(), start, end,
                            "PATTERN"));
                }
            }
        }
        return Optional.empty();
    }

    private Member member(UUID workspaceId, String field, String userId) {
        UUID id;
        try {
            id = UUID.fromString(Inputs.required(field, userId, 40));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(field, field + " must be a user id");
        }
        return people.member(workspaceId, id).filter(Member::active)
                .filter(m -> m.roles().contains(Role.REP) || m.roles().contains(Role.SUPERVISOR))
                .orElseThrow(() -> ApiProblem.badRequest(field, "no active rep or supervisor with this id here"));
    }

    /** The roster's clock: its duties' zone, or the viewer's while it has none (never UTC by default). */
    private static ZoneId clockOf(List<IntakeRepository.PatternRow> patterns, ZoneId viewer) {
        return patterns.isEmpty() ? viewer : ZoneId.of(patterns.get(0).zone());
    }

    private static String zone(String field, String given, String fallback) {
        String text = given == null || given.isBlank() ? fallback : given.strip();
        try {
            return ZoneId.of(text).getId();
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest(field, "timeZone must be an IANA zone like Europe/Oslo");
        }
    }

    private static String hhmm(int minute) {
        return "%02d:%02d".formatted(minute / 60, minute % 60);
    }
}
