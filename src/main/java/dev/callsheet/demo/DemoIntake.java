package dev.callsheet.demo;

import dev.callsheet.intake.DutyRoster;
import dev.callsheet.intake.Intake;
import dev.callsheet.intake.Routing;
import dev.callsheet.intake.RoutingRule;
import dev.callsheet.intake.WebLead;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.WorkspaceSummary;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The demo's routing: a duty roster for Oslo and Vestland (weekdays, in Oslo time), two assignment rules with the
 * supervisor as fallback, and a morning of web leads posted through the same path a website's form takes.
 */
@Component
class DemoIntake {

    private static final List<WebLead> MORNING = List.of(
            lead("Hilde Aasen", null, "+47 22 60 11 20", "hilde.aasen@example.no", "Do you install on slate roofs?", "Oslo"),
            lead("Geir Lunde", "Lunde Snekkeri AS", "+47 55 31 40 10", "geir@lunde-snekkeri.example", "Price for a workshop roof", "Vestland"),
            lead("Marte Solberg", null, "+47 400 12 345", "marte.solberg@example.no", "Call me after 15:00", "Oslo"),
            lead("Bjørg Næss", "Næss Hytteutleie", "+47 56 50 20 30", "post@naess-hytter.example", "Cabins without grid power", "Vestland"),
            lead("Ivar Tveit", null, null, "ivar.tveit@example.no", "Brochure, please", null),
            lead("Solveig Ek", "Ek Regnskap AS", "+47 23 10 55 00", "solveig@ek-regnskap.example", "Office building, 40 employees", "Oslo"),
            lead("Jon Kvam", null, "+47 911 22 333", null, "Heard you on the radio", "Vestland"),
            lead("Randi Foss", null, "+47 22 71 80 90", "randi.foss@example.no", "Is there a grant for this?", "Oslo"));

    private final DutyRoster roster;
    private final Routing routing;
    private final Intake intake;

    DemoIntake(DutyRoster roster, Routing routing, Intake intake) {
        this.roster = roster;
        this.routing = routing;
        this.intake = intake;
    }

    void seed(WorkspaceSummary demo, CurrentUser supervisor, Map<String, UUID> ids) {
        List<DutyRoster.PatternDraft> oslo = new ArrayList<>();
        List<DutyRoster.PatternDraft> vestland = new ArrayList<>();
        for (DayOfWeek day : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            oslo.add(new DutyRoster.PatternDraft(day.name(), "08:00", "16:00", ids.get("lars.rep").toString(),
                    "Europe/Oslo"));
            vestland.add(new DutyRoster.PatternDraft(day.name(), "08:00", "12:00", ids.get("minjun.rep").toString(),
                    "Europe/Oslo"));
            if (day != DayOfWeek.FRIDAY) { // Friday afternoons in Vestland are uncovered: the roster page flags it
                vestland.add(new DutyRoster.PatternDraft(day.name(), "12:00", "17:00", ids.get("ana.rep").toString(),
                        "Europe/Oslo"));
            }
        }
        roster.savePatterns(supervisor, "Oslo", oslo);
        roster.savePatterns(supervisor, "Vestland", vestland);
        routing.save(supervisor, new Routing.Rules(List.of(
                new RoutingRule("Korean-speaking leads", null, null, "ko", null, null, null, null, "USER",
                        ids.get("minjun.rep").toString(), null),
                new RoutingRule("Vestland web leads to the duty manager", "WEB", "Vestland", null, null, null, null, null,
                        "DUTY", null, null)),
                ids.get("ingrid.supervisor").toString()));
        int i = 0;
        for (WebLead lead : MORNING) {
            intake.webLead(demo.key(), lead, "demo-morning-" + i++, "demo", false);
        }
    }

    private static WebLead lead(String name, String company, String phone, String email, String message,
            String region) {
        return new WebLead(name, company, phone, email, null, message, "NO", region, "yes", null, Map.of(),
                campaign(name));
    }

    /** Every other morning web lead came through the spring coupon, the rest through the radio advert. */
    private static String campaign(String name) {
        return Math.floorMod(name.hashCode(), 2) == 0 ? "SPRING-COUPON" : "RADIO-AD";
    }
}
