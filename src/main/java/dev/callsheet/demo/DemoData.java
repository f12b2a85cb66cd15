package dev.callsheet.demo;

import dev.callsheet.contacts.ImportOptions;
import dev.callsheet.contacts.Imports;
import dev.callsheet.contacts.LeadSource;
import dev.callsheet.workspace.NewUser;
import dev.callsheet.workspace.Passwords;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import dev.callsheet.workspace.WorkspaceSummary;
import dev.callsheet.workspace.Workspaces;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * With {@code --demo}: a workspace of a Norwegian solar installer's sales floor, with people of
 * every role in several languages. Seeded once; each {@code --demo} start sets every demo
 * user's password anew ({@code CALLSHEET_DEMO_PASSWORD}, else generated) and prints it, since
 * the repository holds no passwords.
 */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

    static final String WORKSPACE = "Nordlys Solar AS";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    record DemoPerson(String username, String displayName, Set<Role> roles, String locale, String timeZone,
            String region, String team) {
    }

    static final List<DemoPerson> PEOPLE = List.of(
            new DemoPerson("ingrid.supervisor", "Ingrid Haugen", EnumSet.of(Role.SUPERVISOR), "nb", "Europe/Oslo",
                    "Oslo", "Oslo setters"),
            new DemoPerson("sofie.agent", "Sofie Lund", EnumSet.of(Role.AGENT), "nb", "Europe/Oslo", "Oslo",
                    "Oslo setters"),
            new DemoPerson("maria.agent", "María García", EnumSet.of(Role.AGENT), "es", "Europe/Madrid", "Oslo",
                    "Oslo setters"),
            new DemoPerson("dmitri.agent", "Дмитрий Соколов", EnumSet.of(Role.AGENT), "ru", "Europe/Oslo", "Vestland",
                    "Bergen setters"),
            new DemoPerson("lars.rep", "Lars Berg", EnumSet.of(Role.REP), "nb", "Europe/Oslo", "Oslo", "Closers"),
            new DemoPerson("minjun.rep", "김민준", EnumSet.of(Role.REP), "ko", "Europe/Oslo", "Vestland", "Closers"),
            new DemoPerson("ana.rep", "Ana Popescu", EnumSet.of(Role.REP), "ro", "Europe/Oslo", "Vestland", "Closers"),
            new DemoPerson("erik.admin", "Erik Dahl", EnumSet.of(Role.ADMIN), "en", "Europe/Oslo", "Oslo", null));

    /** How many leads the demo imports (about 5 % of them planted duplicates). */
    static final int LEADS = 3000;

    private final Workspaces workspaces;
    private final People people;
    private final Imports imports;
    private final Environment environment;
    private final DemoProjects projects;

    DemoData(Workspaces workspaces, People people, Imports imports, Environment environment, DemoProjects projects) {
        this.projects = projects;
        this.workspaces = workspaces;
        this.people = people;
        this.imports = imports;
        this.environment = environment;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!args.containsOption("demo")) {
            return;
        }
        String password = environment.getProperty("callsheet.demo.password", "");
        boolean generated = password.isBlank();
        if (generated) {
            password = "demo-" + Passwords.generate(10);
        }
        printCredentials(apply(password), password, generated);
    }

    /** Seeds the demo workspace unless it exists, and gives every demo user this password. */
    @Transactional
    WorkspaceSummary apply(String password) {
        WorkspaceSummary workspace = workspaces.demoWorkspace().orElse(null);
        if (workspace == null) {
            workspace = seed(password);
            log.info("Seeded the demo workspace {} ({})", workspace.name(), workspace.key());
        }
        people.resetDemoPasswords(password);
        return workspace;
    }

    private WorkspaceSummary seed(String password) {
        WorkspaceSummary workspace = workspaces.create(WORKSPACE, true);
        people.createRegion(workspace.id(), "Oslo");
        people.createRegion(workspace.id(), "Vestland");
        people.createTeam(workspace.id(), "Oslo setters", "Oslo");
        people.createTeam(workspace.id(), "Bergen setters", "Vestland");
        people.createTeam(workspace.id(), "Closers", null);
        for (DemoPerson person : PEOPLE) {
            people.createDemoUser(workspace.id(), new NewUser(person.username(), password, person.roles(),
                    person.displayName(), person.timeZone(), person.locale(), person.region(), person.team(),
                    person.username() + "@demo.callsheet.example", null));
        }
        // The platform administrator sees the demo too, as an agency's admin would.
        people.addExistingUser(workspace.id(), "admin", EnumSet.of(Role.ADMIN));
        workspaces.setDefaultCountry(workspace.id(), "NO");
        // An appointment setter's hour costs the business about 130–150 kroner (11–13 USD, sources 000 and 001).
        people.setWorkspaceHourlyCost(workspace.id(), new java.math.BigDecimal("140"));
        UUID supervisor = people.members(workspace.id()).stream().filter(m -> m.username().equals("ingrid.supervisor"))
                .findFirst().orElseThrow().id();
        projects.create(workspace, supervisor);
        // Through the real import pipeline, in the background: planted duplicates come out flagged; once it is
        // done, DemoProjects fills the projects' queues and replays the last working day of calls.
        imports.start(workspace.id(), null, "exhibition-leads-2026.csv",
                new java.io.ByteArrayInputStream(DemoLeads.csv(LEADS, 2026).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new ImportOptions("NO", LeadSource.EXHIBITION, ImportOptions.OnDuplicate.FLAG, null, null, null));
        return workspace;
    }

    private static void printCredentials(WorkspaceSummary workspace, String password, boolean generated) {
        StringBuilder lines = new StringBuilder();
        for (DemoPerson person : PEOPLE) {
            lines.append(String.format("%n   %-18s %-28s %s", person.username(), person.roles(), person.displayName()));
        }
        log.warn("""

                ================================================================
                 DEMO DATA - workspace "{}" (key {})
                 Demo users, all with the password: {}{}
                 {}
                ================================================================""", workspace.name(), workspace.key(),
                password, lines, generated
                        ? "A new password is generated at each --demo start (set CALLSHEET_DEMO_PASSWORD to fix it)."
                        : "The password comes from CALLSHEET_DEMO_PASSWORD.");
    }
}
