package dev.callsheet.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.callsheet.Callsheet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every test that starts Callsheet: one application and one real embedded PostgreSQL
 * for the whole run (the context is shared), a fresh workspace per test class for isolation,
 * and a clock the tests control.
 */
@SpringBootTest(classes = Callsheet.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IntegrationTest.TestClockConfiguration.class)
public abstract class IntegrationTest {

    /** The bootstrap (platform) administrator's password: random for each run, never in the repository. */
    public static final String ADMIN_PASSWORD = "pw-" + UUID.randomUUID();

    /** A real SMTP server for the whole run: Callsheet sends to it; tests read what arrived. */
    protected static final GreenMail MAIL = startMail();

    private static final Path DATA_ROOT = Path.of("target", "test-postgres");
    private static final Path DATA_DIR = DATA_ROOT.resolve(UUID.randomUUID().toString());

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    protected Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        removeEarlierRuns();
        registry.add("callsheet.database.data-dir", DATA_DIR::toString);
        registry.add("callsheet.database.durable", () -> "false");
        registry.add("callsheet.bootstrap.admin-password", () -> ADMIN_PASSWORD);
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        registry.add("callsheet.mail.poll", () -> "200ms");
        // Tests move the clock and make the due reviews themselves (Reviews.runDue), not every minute of wall time.
        registry.add("callsheet.reports.review-poll", () -> "PT1H");
        // The tests' own client stands in for a reverse proxy: requests to 127.0.0.1 carrying X-Forwarded-For
        // come from the address it names (other peers, such as ::1, are not trusted).
        registry.add("callsheet.http.trusted-proxies", () -> "127.0.0.1");
        // Import limits small enough that tests can go past them (the 300,000-row XLSX stays under).
        registry.add("callsheet.imports.max-file-size", () -> "24MB");
        registry.add("callsheet.imports.max-rows", () -> "400000");
        // Reps' CalDAV passwords are sealed with a key of this run's own, never one in the repository.
        registry.add("callsheet.caldav.key", () -> java.util.Base64.getEncoder().encodeToString(
                java.security.SecureRandom.getSeed(32)));
    }

    @BeforeEach
    void connectApi() {
        api = new Api(port);
    }

    /** The messages GreenMail has received for {@code address}, waiting up to 20 s for at least {@code atLeast}. */
    protected static java.util.List<jakarta.mail.internet.MimeMessage> mailTo(String address, int atLeast)
            throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (true) {
            java.util.List<jakarta.mail.internet.MimeMessage> found = new java.util.ArrayList<>();
            for (jakarta.mail.internet.MimeMessage message : MAIL.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().contains(address)) {
                    found.add(message);
                }
            }
            if (found.size() >= atLeast || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(100);
        }
    }

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    private static synchronized void removeEarlierRuns() {
        if (!Files.isDirectory(DATA_ROOT)) {
            return;
        }
        try (Stream<Path> runs = Files.list(DATA_ROOT)) {
            runs.filter(run -> !run.equals(DATA_DIR)).forEach(IntegrationTest::deleteQuietly);
        } catch (IOException e) {
            // Leftovers only cost disk space.
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leftovers only cost disk space.
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class TestClockConfiguration {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}
