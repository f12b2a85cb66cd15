package dev.callsheet.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Scheduled work cannot starve: while a large import is running, a meeting invite booked now reaches the rep's
 * mailbox within 5 seconds (the mail worker polls every 200 ms in tests), not after the import.
 */
class MailDuringImportIntegrationTests extends IntegrationTest {

    private static final int ROWS = 100_000;

    @Autowired
    ThreadPoolTaskScheduler scheduler;

    @Autowired
    List<ScheduledTaskHolder> scheduled;

    @Test
    void everyScheduledJobHasAThreadOfItsOwn() {
        List<String> jobs = scheduled.stream().flatMap(holder -> holder.getScheduledTasks().stream())
                .map(task -> task.getTask().toString()).toList();
        assertThat(jobs).as("mail, reminders, alerts, reviews, refit, imports, session clean-up").hasSizeGreaterThan(6);
        assertThat(scheduler.getPoolSize()).as("threads for %s", jobs).isGreaterThanOrEqualTo(jobs.size());
    }

    @Test
    void anInviteGoesOutWithinFiveSecondsWhileALargeImportRuns() throws Exception {
        Tenant tenant = Tenant.create(api, "Busy Floor AS");
        Api boss = api.as(tenant.user("SUPERVISOR"));
        Api agent = api.as(tenant.user("AGENT"));
        Tenant.User rep = tenant.user("REP");
        String repEmail = rep.username() + "@reps.test";
        Api.Response calendar = boss.send("PUT", "/api/v1/reps/" + rep.id() + "/calendar",
                Map.of("timeZone", "Europe/Oslo", "email", repEmail, "minNoticeMinutes", 0));
        assertThat(calendar.status()).as(calendar.toString()).isEqualTo(200);
        LocalDate monday = LocalDate.ofInstant(clock.instant().plus(Duration.ofDays(7)), ZoneOffset.UTC)
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        clock.set(monday.atTime(6, 0).toInstant(ZoneOffset.UTC));
        // one invite before the import: what is measured below is waiting, not loading the mail and calendar code
        book(agent, lead(boss), rep, monday.plusDays(1).atTime(LocalTime.of(13, 0)));
        assertThat(mailTo(repEmail, 1)).hasSize(1);

        String importId = startLargeImport(agent);
        waitUntilRunning(agent, importId);

        String lead = lead(boss);
        long booked = System.nanoTime();
        book(agent, lead, rep, monday.plusDays(1).atTime(LocalTime.of(10, 0)));
        List<MimeMessage> received = mailTo(repEmail, 2);
        Duration waited = Duration.ofNanos(System.nanoTime() - booked);
        String state = agent.get("/api/v1/imports/" + importId).json().get("status").asText();

        assertThat(received).as("the invite arrived").hasSize(2);
        assertThat(waited).as("the invite waited %s", waited).isLessThan(Duration.ofSeconds(5));
        assertThat(state).as("the import was still running when the invite arrived").isEqualTo("RUNNING");
        waitUntilFinished(agent, importId); // the context is shared: leave no import running for the next class
    }

    private static String lead(Api boss) {
        Api.Response lead = boss.post("/api/v1/contacts", Map.of("firstName", "Ingrid", "surname", "Venter" + System.nanoTime(),
                "phone", "+47 22 " + (100000 + (int) (Math.random() * 899999)), "country", "NO"));
        assertThat(lead.status()).as(lead.toString()).isEqualTo(201);
        return lead.json().get("id").asText();
    }

    /** Books a meeting with the rep, as the agent; the invite goes to the rep's calendar address. */
    private static void book(Api agent, String lead, Tenant.User rep, LocalDateTime at) {
        Api.Response appointment = agent.post("/api/v1/appointments", Map.of("leadId", lead,
                "start", at.atZone(ZoneId.of("Europe/Oslo")).toInstant().toString(), "repId", rep.id(), "type", "OFFICE"));
        assertThat(appointment.status()).as(appointment.toString()).isEqualTo(201);
    }

    private static String startLargeImport(Api agent) {
        StringBuilder csv = new StringBuilder(ROWS * 40).append("first name;surname;phone;company\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("Lead;Bulk").append(i).append(";+47 4").append(String.format("%07d", i)).append(";Bulk ")
                    .append(i % 977).append(" AS\n");
        }
        Api.Response started = agent.upload("/api/v1/imports", "bulk.csv", csv.toString().getBytes(StandardCharsets.UTF_8),
                Map.of("country", "NO", "onDuplicate", "FLAG"));
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        return started.json().get("id").asText();
    }

    private static void waitUntilRunning(Api agent, String importId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = agent.get("/api/v1/imports/" + importId).json().get("status").asText();
            if (state.equals("RUNNING")) {
                return;
            }
            assertThat(state).as("the import is still to come").isIn("QUEUED", "PENDING", "WAITING");
            Thread.sleep(50);
        }
        throw new AssertionError("the import did not start; it is " + state);
    }

    private static void waitUntilFinished(Api agent, String importId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            String state = agent.get("/api/v1/imports/" + importId).json().get("status").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                return;
            }
            Thread.sleep(250);
        }
    }
}
