package dev.callsheet.demo;

import dev.callsheet.campaigns.TimeWindow;
import dev.callsheet.campaigns.Outcome;
import dev.callsheet.campaigns.Project;
import dev.callsheet.campaigns.ProjectDraft;
import dev.callsheet.campaigns.Projects;
import dev.callsheet.campaigns.Script;
import dev.callsheet.campaigns.Script.Answer;
import dev.callsheet.campaigns.Script.Node;
import dev.callsheet.campaigns.Script.Objection;
import dev.callsheet.campaigns.Script.Stage;
import dev.callsheet.contacts.Contacts;
import dev.callsheet.contacts.Dialable;
import dev.callsheet.contacts.ImportCompleted;
import dev.callsheet.dialing.Lease;
import dev.callsheet.dialing.OutcomeReport;
import dev.callsheet.dialing.Queue;
import dev.callsheet.workspace.CurrentUser;
import dev.callsheet.workspace.Member;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.WorkspaceSummary;
import dev.callsheet.workspace.Workspaces;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The demo's two running projects: "Solar panels, autumn 2026" (outbound to new customers, the
 * exhibition leads, scripts in Norwegian, English and Spanish) and "Energy seminar, Bergen" (a
 * survey call, then the invitation three days later; the Bergen team; scripts in Norwegian and
 * Russian). Once the demo's import is done, its leads join the queues and the last working day is
 * replayed through the real queue: about three hundred calls with every kind of outcome.
 */
@Component
class DemoProjects {

    static final String SOLAR = "Solar panels, autumn 2026";
    static final String SEMINAR = "Energy seminar, Bergen";
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Logger log = LoggerFactory.getLogger(DemoProjects.class);

    private final Projects projects;
    private final Queue queue;
    private final Contacts contacts;
    private final People people;
    private final Workspaces workspaces;
    private final Clock clock;
    private final DemoCalendars calendars;
    private final DemoIntake intake;
    private final DemoDeals demoDeals;
    private final DemoAnswers demoAnswers;
    private final DemoMaterial demoMaterial;

    DemoProjects(Projects projects, Queue queue, Contacts contacts, People people, Workspaces workspaces, Clock clock,
            DemoCalendars calendars, DemoIntake intake, DemoDeals demoDeals, DemoAnswers demoAnswers,
            DemoMaterial demoMaterial) {
        this.demoDeals = demoDeals;
        this.demoAnswers = demoAnswers;
        this.demoMaterial = demoMaterial;
        this.calendars = calendars;
        this.intake = intake;
        this.projects = projects;
        this.queue = queue;
        this.contacts = contacts;
        this.people = people;
        this.workspaces = workspaces;
        this.clock = clock;
    }

    /** Creates both projects; their queues fill once the demo import is done. */
    UUID create(WorkspaceSummary workspace, UUID supervisorId) {
        UUID ws = workspace.id();
        UUID solar = projects.create(ws, supervisorId, new ProjectDraft(SOLAR, "OUTBOUND", "NEW_CUSTOMERS",
                List.of(new Project.MediaStep("CALL", 0, "Book a roof survey")), LocalDate.now(clock).minusDays(14)
                        .toString(), LocalDate.now(clock).plusMonths(2).toString(), "DAILY",
                new Project.KpiTargets(0.35, 1.2, 0.6, 210, 150), "Book a free roof survey with a sales rep",
                "Agree the next contact and send the brochure", null, List.of("AREA_CODE", "OLDEST"), "Europe/Oslo",
                null, 6, 3, 15, null));
        UUID seminar = projects.create(ws, supervisorId, new ProjectDraft(SEMINAR, "OUTBOUND", "EXISTING_CUSTOMERS",
                List.of(new Project.MediaStep("CALL", 0, "Survey: owns a house, interested in energy"),
                        new Project.MediaStep("CALL", 3, "Invitation to the seminar")),
                null, null, "WEEKLY", new Project.KpiTargets(0.4, null, 0.3, 180, 120), "Seat at the seminar",
                "Permission to send the programme", team(ws, "Bergen setters"), List.of("POSTCODE"), "Europe/Oslo",
                Map.of("MONDAY", List.of(new TimeWindow("10:00", "19:00")), "TUESDAY",
                        List.of(new TimeWindow("10:00", "19:00")), "WEDNESDAY", List.of(new TimeWindow("10:00", "19:00")),
                        "THURSDAY", List.of(new TimeWindow("10:00", "19:00")), "FRIDAY",
                        List.of(new TimeWindow("10:00", "16:00"))), null, null, null, null));
        projects.saveOutcome(ws, seminar, new Outcome("TARGET_CONFIRMED", "Target confirmed", 1,
                true, false, Outcome.FollowUp.NEXT_STEP, null, false, false, 0));
        solarScripts().forEach(s -> projects.saveScript(ws, supervisorId, solar, s));
        seminarScripts().forEach(s -> projects.saveScript(ws, supervisorId, seminar, s));
        return solar;
    }

    private UUID team(UUID ws, String name) {
        return people.teams(ws).stream().filter(t -> t.name().equals(name)).findFirst().map(t -> t.id()).orElse(null);
    }

    /** The demo import is done: fill the queues and replay the last working day. */
    @ApplicationModuleListener
    void on(ImportCompleted completed) {
        WorkspaceSummary demo = workspaces.demoWorkspace().orElse(null);
        if (demo == null || !demo.id().equals(completed.workspaceId())) {
            return;
        }
        UUID ws = demo.id();
        List<Project> all = projects.visibleTo(user(demo, "ingrid.supervisor"));
        Project solar = all.stream().filter(p -> p.name().equals(SOLAR)).findFirst().orElse(null);
        Project seminar = all.stream().filter(p -> p.name().equals(SEMINAR)).findFirst().orElse(null);
        if (solar == null || seminar == null || queue.counts(ws, solar.id()).getOrDefault("DONE", 0) > 0) {
            return;
        }
        LocalDate day = lastWorkingDay(LocalDate.now(clock.withZone(OSLO)));
        Instant morning = day.atTime(8, 0).atZone(OSLO).toInstant();
        tagCampaigns(ws, completed.importId());
        queue.addImport(ws, solar.id(), completed.importId(), morning);
        List<UUID> bergen = contacts.dialablesOfImport(ws, completed.importId(), null, 400).stream()
                .map(Dialable::contactId).toList();
        queue.add(ws, seminar.id(), bergen, morning);
        List<UUID> handedOff = new java.util.ArrayList<>();
        int calls = replay(demo, solar.id(), false, List.of("sofie.agent", "maria.agent"), day, 9, 16, 1, handedOff);
        List<UUID> solarHandOffs = List.copyOf(handedOff);
        handedOff.clear();
        calls += replay(demo, seminar.id(), true, List.of("dmitri.agent"), day, 10, 15, 2, handedOff);
        log.info("Demo: {} calls replayed on {} in the projects \"{}\" and \"{}\"", calls, day, SOLAR, SEMINAR);

        Map<String, UUID> ids = new java.util.HashMap<>();
        people.members(ws).forEach(m -> ids.put(m.username(), m.id()));
        calendars.calendars(user(demo, "ingrid.supervisor"), ids);
        Map<UUID, CurrentUser> agents = new java.util.HashMap<>();
        for (String agent : List.of("sofie.agent", "maria.agent", "dmitri.agent")) {
            CurrentUser user = user(demo, agent);
            agents.put(user.userId(), user);
        }
        int meetings = calendars.book(agents, solarHandOffs, solar.id())
                + calendars.book(agents, handedOff, seminar.id());
        log.info("Demo: {} meetings booked for the coming week", meetings);
        intake.seed(demo, user(demo, "ingrid.supervisor"), ids);
        demoDeals.seed(user(demo, "ingrid.supervisor"), username -> user(demo, username));
        demoAnswers.seed(user(demo, "ingrid.supervisor"));
        demoAnswers.askedOnCalls(agents, solarHandOffs);
        demoMaterial.seed(user(demo, "ingrid.supervisor"));
    }

    private static LocalDate lastWorkingDay(LocalDate today) {
        LocalDate day = today.minusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            day = day.minusDays(1);
        }
        return day;
    }

    /** Replays a day of calls; the calls that qualified a lead for a meeting are added to {@code handedOff}. */
    private int replay(WorkspaceSummary demo, UUID projectId, boolean survey, List<String> agents, LocalDate day,
            int fromHour, int toHour, long seed, List<UUID> handedOff) {
        Random random = new Random(seed);
        int calls = 0;
        for (String username : agents) {
            CurrentUser agent = user(demo, username);
            Instant at = day.atTime(fromHour, random.nextInt(10)).atZone(OSLO).toInstant();
            Instant end = day.atTime(toHour, 0).atZone(OSLO).toInstant();
            while (at.isBefore(end)) {
                Instant when = at;
                var recorded = queue.replay(agent, projectId, when, lease -> decide(random, survey, lease, when));
                if (recorded.isEmpty()) {
                    break;
                }
                if ("BOOKING".equals(recorded.get().handOff())) {
                    handedOff.add(recorded.get().attemptId());
                }
                calls++;
                at = at.plusSeconds(90 + random.nextInt(240));
            }
        }
        return calls;
    }

    private static final List<String> REASONS = List.of("Has solar panels already", "Rents the house",
            "Too expensive right now", "Roof faces north", "Not interested");

    /** A day's spread of outcomes, about as it goes on a real floor. */
    private static OutcomeReport decide(Random random, boolean survey, Lease lease, Instant at) {
        int roll = random.nextInt(100);
        if (survey && lease.lead().step() == 0 && roll >= 55 && roll < 70) {
            return new OutcomeReport("TARGET_CONFIRMED", "Owns the house, heats with electricity", null, null, null,
                    140 + random.nextInt(120), null);
        }
        if (roll < 34) {
            return new OutcomeReport("NO_ANSWER", null, null, null, null, 0, null);
        }
        if (roll < 42) {
            return new OutcomeReport("BUSY", null, null, null, null, 0, null);
        }
        if (roll < 47) {
            return new OutcomeReport("SWITCHED_OFF", null, null, null, null, 0, null);
        }
        if (roll < 51) {
            return new OutcomeReport("HUNG_UP", null, null, null, null, 5, null);
        }
        if (roll < 53) {
            return new OutcomeReport("INVALID_NUMBER", null, null, null, null, 0, null);
        }
        if (roll < 55) {
            return new OutcomeReport("OUT_OF_AREA", null, null, null, null, 0, null);
        }
        if (roll < 70) {
            return new OutcomeReport("REJECTED", null, null, null, null, 40 + random.nextInt(120),
                    REASONS.get(random.nextInt(REASONS.size())));
        }
        if (roll < 82) {
            String local = at.atZone(OSLO).toLocalDate().plusDays(1 + random.nextInt(2)) + "T"
                    + (9 + random.nextInt(8)) + ":30";
            return new OutcomeReport("FOLLOW_UP", "Asked to be called when the spouse is home", local.replace("T9:", "T09:"),
                    random.nextBoolean() ? "ME" : "ANYONE", null, 60 + random.nextInt(60), null);
        }
        if (roll < 98) {
            int interest = 2 + random.nextInt(4);
            int ability = 2 + random.nextInt(4);
            int willingness = 2 + random.nextInt(4);
            return new OutcomeReport("INTERESTED", "Wants a survey before the winter",
                    null, null, new OutcomeReport.Qualification(interest, ability, willingness,
                            "House from the 1980s, roof renewed"), 180 + random.nextInt(180), null);
        }
        return new OutcomeReport("DEAL", "Ordered the basic package on the phone", null, null, null,
                300 + random.nextInt(200), null);
    }

    private CurrentUser user(WorkspaceSummary demo, String username) {
        Member member = people.members(demo.id()).stream().filter(m -> m.username().equals(username)).findFirst()
                .orElseThrow();
        return new CurrentUser(member.id(), member.username(), member.displayName(), demo, member.roles(),
                Locale.forLanguageTag(member.locale()), ZoneId.of(member.timeZone()), false, List.of(demo));
    }

    private static List<Script> solarScripts() {
        return List.of(
                script("nb", false, "Hei, dette er {agent} fra Nordlys Solar. Vi hjelper huseiere i området med solceller"
                        + " – har du et øyeblikk?", "Ja", "Ikke nå", "Eier du huset du bor i?", "Ja, jeg eier",
                        "Nei, leier", "Flott. Vi tilbyr en gratis befaring av taket, som tar en halvtime."
                        + " Passer det bedre tidlig i uken eller mot slutten?", "Tidlig", "Sent",
                        List.of(new Objection("Det er for dyrt", "De fleste av våre kunder finansierer anlegget over"
                                + " 10 år, og strømbesparelsen dekker mye av avdraget."),
                                new Objection("Taket vender mot nord", "Øst- og vesttak gir også god produksjon;"
                                        + " befaringen viser det konkret."))),
                script("en", false, "Hello, this is {agent} from Nordlys Solar. We help homeowners nearby with solar"
                        + " panels - do you have a moment?", "Yes", "Not now", "Do you own the house you live in?",
                        "Yes, I own it", "No, I rent", "Great. We offer a free roof survey that takes half an hour."
                        + " Would early or late in the week suit you better?", "Early", "Late",
                        List.of(new Objection("It is too expensive", "Most customers finance it over 10 years, and the"
                                + " savings on power cover much of the instalment."))),
                script("es", true, "Hola, soy {agent} de Nordlys Solar. Ayudamos a propietarios de la zona con paneles"
                        + " solares. ¿Tiene un momento?", "Sí", "Ahora no", "¿Es usted propietario de su vivienda?",
                        "Sí", "No, alquilo", "Perfecto. Ofrecemos una visita gratuita al tejado de media hora."
                        + " ¿Le viene mejor a principios o a finales de semana?", "Principios", "Finales",
                        List.of(new Objection("Es demasiado caro", "La mayoría de clientes lo financia a 10 años y el"
                                + " ahorro en electricidad cubre buena parte de la cuota."))));
    }

    private static List<Script> seminarScripts() {
        return List.of(
                script("nb", false, "Hei, dette er {agent} fra Nordlys Solar. Vi holder et gratis energiseminar i Bergen"
                        + " – har du to minutter?", "Ja", "Nei", "Bor du i enebolig?", "Ja", "Nei",
                        "Seminaret er torsdag kl. 18 på Bryggen. Skal jeg sette av plass til deg?", "Ja, gjerne",
                        "Send meg programmet", List.of(new Objection("Jeg har ikke tid",
                                "Det tar en time, og du får en energisjekk av boligen med deg hjem."))),
                script("ru", false, "Здравствуйте, это {agent} из Nordlys Solar. Мы проводим бесплатный семинар об"
                        + " энергии в Бергене — у вас есть пара минут?", "Да", "Нет", "Вы живёте в частном доме?",
                        "Да", "Нет", "Семинар в четверг в 18:00 на Брюггене. Записать вас?", "Да", "Пришлите программу",
                        List.of(new Objection("У меня нет времени",
                                "Это займёт час, и вы получите оценку энергопотребления вашего дома."))));
    }

    private static Script script(String language, boolean wordForWord, String opening, String yes, String no,
            String question, String qualifies, String doesNot, String close, String closeYes, String closeNo,
            List<Objection> objections) {
        return new Script(language, wordForWord, "open", List.of(
                new Node("open", Stage.OPENING, opening, List.of(new Answer(yes, "target"), new Answer(no, null))),
                new Node("target", Stage.DIALOGUE, question, List.of(new Answer(qualifies, "close"),
                        new Answer(doesNot, null))),
                new Node("close", Stage.CLOSE, close, List.of(new Answer(closeYes, null), new Answer(closeNo, null)))),
                objections);
    }

    /** Some of the listed leads came through a coupon or an advert: the funnel splits by their codes. */
    private void tagCampaigns(UUID ws, UUID importId) {
        UUID after = null;
        int n = 0;
        List<Dialable> page;
        do {
            page = contacts.dialablesOfImport(ws, importId, after, 500);
            List<UUID> coupon = new java.util.ArrayList<>();
            List<UUID> radio = new java.util.ArrayList<>();
            for (Dialable lead : page) {
                if (n % 4 == 0) {
                    coupon.add(lead.contactId());
                } else if (n % 7 == 0) {
                    radio.add(lead.contactId());
                }
                n++;
                after = lead.contactId();
            }
            contacts.setCampaignCodes(ws, coupon, "SPRING-COUPON");
            contacts.setCampaignCodes(ws, radio, "RADIO-AD");
        } while (page.size() == 500);
    }
}
