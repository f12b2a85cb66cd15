package dev.callsheet.demo;

import dev.callsheet.deals.Commissions;
import dev.callsheet.deals.Deal;
import dev.callsheet.deals.DealImports;
import dev.callsheet.deals.DealStages;
import dev.callsheet.deals.Deals;
import dev.callsheet.deals.Pipeline;
import dev.callsheet.deals.Pipelines;
import dev.callsheet.workspace.CurrentUser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A year of the demo reps' deals, so the evidence table, the flags and the win model have something to say on first
 * run: about 360 deals, most closed (won, lost or disqualified) and the rest open in their stages, each with the data
 * its rep knew when it left every stage. Deals whose reps knew the budget and the economic buyer early win far more
 * often, as in the trade; open deals get touches, some of them gone quiet. Commission rules are set; two recent
 * deals are won this month (the ledger has lines) and three disqualified this week (the DQ review has rows).
 */
@Component
class DemoDeals {

    private static final Logger log = LoggerFactory.getLogger(DemoDeals.class);
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final List<String> REPS = List.of("lars.rep", "lars.rep", "minjun.rep", "minjun.rep", "ana.rep");
    private static final List<String> PRODUCTS = List.of("Solar 10 kW", "Heat pump", "Battery 13 kWh");
    private static final int[] PRICES = {145_000, 89_000, 62_000};
    private static final List<String> SOURCES = List.of("APPOINTMENT", "APPOINTMENT", "APPOINTMENT", "WEB",
            "INBOUND_CALL");
    private static final List<String> ACCOUNTS = List.of("Fjord Fisk AS", "Bergen Bakeri", "Nordlys Hotell",
            "Vestkyst Bygg", "Oslo Tannklinikk", "Lofoten Kafé", "Trondheim Regnskap", "Sjø & Land AS",
            "Grieg Eiendom", "Bryggen Frisør", "Hansen Rør", "Solberg Gård");

    private final DealImports imports;
    private final Pipelines pipelines;
    private final Deals deals;
    private final DealStages stages;
    private final Commissions commissions;
    private final Clock clock;

    DemoDeals(DealImports imports, Pipelines pipelines, Deals deals, DealStages stages, Commissions commissions,
            Clock clock) {
        this.imports = imports;
        this.pipelines = pipelines;
        this.deals = deals;
        this.stages = stages;
        this.commissions = commissions;
        this.clock = clock;
    }

    /** Seeds the history; {@code users} gives each demo username's signed-in self. */
    void seed(CurrentUser supervisor, Function<String, CurrentUser> users) {
        Pipeline pipeline = pipelines.defaultPipeline(supervisor.workspaceId());
        commissions.saveRules(supervisor, List.of(new Commissions.Rule(null, BigDecimal.valueOf(8),
                BigDecimal.valueOf(30), BigDecimal.valueOf(70), BigDecimal.valueOf(250), BigDecimal.ZERO)));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("id", "status", "last_stage", "reason", "opened", "closed", "meeting:left", "discovery:left",
                "proposal:left", "negotiation:left", "meeting:need_confirmed", "discovery:need_confirmed",
                "discovery:budget_known", "discovery:buying_team", "discovery:economic_buyer",
                "proposal:business_case_approved", "proposal:expected_close", "negotiation:mutual_plan", "amount",
                "owner", "account", "product", "source"));
        Random random = new Random(7);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, OSLO);
        List<String> stageCodes = pipeline.stageCodes();
        for (int n = 0; n < 360; n++) {
            rows.add(deal(random, n, today, stageCodes));
        }
        DealImports.Report report = imports.importTable(supervisor, pipeline.id(), rows.iterator());
        log.info("Demo: {} historical deals ({} closed) in the pipeline \"{}\"; {} rows refused", report.imported(),
                report.closedDeals(), pipeline.name(), report.errors().size());
        touches(users, random, now);
    }

    /** One deal's row: a hidden quality decides what its rep learns at each stage and how it ends. */
    private static List<String> deal(Random random, int n, LocalDate today, List<String> stageCodes) {
        double quality = random.nextDouble();
        int product = random.nextInt(PRODUCTS.size());
        LocalDate opened = today.minusDays(3 + random.nextInt(365));
        int[] typical = {4, 12, 14, 10};
        String[] left = new String[4];
        boolean[][] known = new boolean[4][];
        known[0] = new boolean[] {chance(random, 0.45 + 0.5 * quality)};
        known[1] = new boolean[] {known[0][0] || chance(random, 0.6 * quality), chance(random, 0.2 + 0.7 * quality),
            chance(random, 0.4 + 0.5 * quality), chance(random, 0.15 + 0.75 * quality)};
        known[2] = new boolean[] {chance(random, 0.1 + 0.8 * quality), chance(random, 0.5 + 0.4 * quality)};
        known[3] = new boolean[] {chance(random, 0.2 + 0.7 * quality)};
        LocalDate at = opened;
        String status = "Won";
        String reason = "";
        int stage = 0;
        for (; stage < 4; stage++) {
            double slow = 1.6 - quality;
            at = at.plusDays(Math.max(1, Math.round(typical[stage] * slow * (0.5 + random.nextDouble()))));
            if (!at.isBefore(today)) {
                status = stageCodes.get(stage);
                break;
            }
            double signal = (stage == 1 ? (known[1][1] ? 0.2 : -0.2) + (known[1][3] ? 0.15 : -0.15) : 0)
                    + (stage == 2 && known[2][0] ? 0.15 : 0);
            double end = 0.28 - 0.25 * quality - signal * 0.5;
            if (chance(random, end)) {
                boolean dq = stage <= 1 ? random.nextDouble() < 0.7 : random.nextDouble() < 0.3;
                status = dq ? "Disqualified" : "Lost";
                reason = dq ? List.of("NO_BUDGET", "NO_NEED", "NO_AUTHORITY", "BAD_TIMING", "NOT_A_FIT")
                        .get(random.nextInt(5)) : List.of("CHOSE_COMPETITOR", "WENT_DARK", "BAD_TIMING")
                        .get(random.nextInt(3));
                left[stage] = at.toString();
                break;
            }
            left[stage] = at.toString();
            if (stage == 3 && !chance(random, 0.35 + 0.6 * quality)) {
                status = "Lost";
                reason = "CHOSE_COMPETITOR";
            }
        }
        boolean open = !List.of("Won", "Lost", "Disqualified").contains(status);
        int last = open ? stage : Math.min(stage, 3);
        String closed = open ? "" : left[last];
        List<String> row = new ArrayList<>(List.of("demo-" + n, status, open ? "" : stageCodes.get(last), reason,
                opened.toString(), closed));
        for (int s = 0; s < 4; s++) {
            row.add(s < last || (!open && s == last) ? left[s] == null ? "" : left[s] : "");
        }
        row.add(yes(known[0][0] && last >= 0));
        for (boolean k : known[1]) {
            row.add(yes(k && (last > 1 || !open && last == 1)));
        }
        for (boolean k : known[2]) {
            row.add(yes(k && (last > 2 || !open && last == 2)));
        }
        row.add(yes(known[3][0] && !open && last == 3));
        int price = PRICES[product];
        row.add(String.valueOf(price + 1000 * random.nextInt(20)));
        row.add(REPS.get(random.nextInt(REPS.size())));
        row.add(ACCOUNTS.get(random.nextInt(ACCOUNTS.size())));
        row.add(PRODUCTS.get(product));
        row.add(SOURCES.get(random.nextInt(SOURCES.size())));
        return row;
    }

    /**
     * Open deals: calls and e-mails over the last weeks; some buyers stopped answering three weeks ago. Two deals in
     * negotiation are won and three in discovery disqualified now, for this month's ledger and this week's review.
     */
    private void touches(Function<String, CurrentUser> users, Random random, Instant now) {
        int won = 0;
        int disqualified = 0;
        for (String rep : List.of("lars.rep", "minjun.rep", "ana.rep")) {
            CurrentUser user = users.apply(rep);
            for (Deal deal : deals.mine(user, 300)) {
                if (!deal.isOpen() || deal.contactId() != null) {
                    continue;
                }
                boolean dark = random.nextInt(4) == 0;
                Instant lastAnswer = now.minus(Duration.ofDays(dark ? 18 + random.nextInt(10) : 1 + random.nextInt(6)));
                deals.addTouch(user, deal.id(), "MEETING", true, lastAnswer.toString(), null);
                deals.addTouch(user, deal.id(), "EMAIL", false, now.minus(Duration.ofDays(1 + random.nextInt(3)))
                        .toString(), null);
                if (dark) {
                    deals.addTouch(user, deal.id(), "CALL", false, now.minus(Duration.ofHours(5)).toString(), null);
                } else if (won < 2 && "NEGOTIATION".equals(deal.stage())) {
                    stages.win(user, deal.id(), null);
                    won++;
                } else if (disqualified < 3 && "DISCOVERY".equals(deal.stage())) {
                    stages.disqualify(user, deal.id(), List.of("NO_BUDGET", "NO_AUTHORITY", "BAD_TIMING")
                            .get(disqualified), null);
                    disqualified++;
                }
            }
        }
    }

    private static boolean chance(Random random, double p) {
        return random.nextDouble() < p;
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }
}
