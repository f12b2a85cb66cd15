package dev.callsheet.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callsheet.support.Api;
import dev.callsheet.support.Browser;
import dev.callsheet.support.IntegrationTest;
import dev.callsheet.support.Tenant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.callsheet.workspace.People;
import dev.callsheet.workspace.Role;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/** The pages in a real headless Chromium, as each role sees them. */
class PagesBrowserTests extends IntegrationTest {

    private static final List<String> SECTIONS = List.of("console", "incoming", "leads", "tasks", "projects",
            "calendar", "deals", "commissions", "routing", "reports", "admin");

    @Autowired
    MessageSource messages;

    @Autowired
    People people;

    private static Browser browser;
    private static Tenant tenant;

    @BeforeEach
    void setUp() {
        if (browser == null) {
            browser = Browser.open(baseUrl());
            tenant = Tenant.create(api, "Browser Test AS");
        }
        browser.signOut();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private List<String> visibleSections() {
        return SECTIONS.stream().filter(s -> browser.has(By.id("nav-" + s))).toList();
    }

    @Test
    void eachRoleSeesItsOwnNavigation() {
        Map<String, List<String>> expected = Map.of(
                "AGENT", List.of("console", "incoming", "leads", "tasks", "calendar", "commissions"),
                "REP", List.of("incoming", "leads", "tasks", "calendar", "deals", "commissions"),
                "SUPERVISOR", List.of("console", "incoming", "leads", "tasks", "projects", "calendar", "deals",
                        "commissions", "routing", "reports"),
                "ADMIN", SECTIONS);
        expected.forEach((role, sections) -> {
            Tenant.User user = tenant.user(role);
            browser.signOut();
            browser.signIn(user.username(), user.password());
            browser.waitFor(By.cssSelector(".sidebar"));

            assertThat(visibleSections()).as(role).containsExactlyElementsOf(sections);
            browser.screenshot("shell-" + role.toLowerCase());
        });
    }

    @Test
    void everySectionOfEveryRoleRendersAndFitsTheWindow() {
        // long unbroken values have pushed tables wider than the window before
        Api.Response card = tenant.asAdmin().post("/api/v1/contacts", Map.of("firstName", "Bartholomew-Alexander",
                "surname", "Featherstonehaugh-Worthington", "organisation",
                "Featherstonehaugh-Worthington International Renewable Energy Consultancy AS",
                "email", "bartholomew.alexander.featherstonehaugh@international-renewables-consultancy.example",
                "phone", "+47 22 12 34 56", "country", "NO"));
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        for (String role : List.of("SUPERVISOR", "AGENT", "REP", "ADMIN")) {
            Tenant.User user = tenant.user(role);
            browser.signOut();
            browser.signIn(user.username(), user.password());
            List<String> paths = visibleSections().stream().map(section -> java.net.URI.create(
                    browser.driver().findElement(By.id("nav-" + section)).getAttribute("href")).getPath()).toList();
            assertThat(paths).as(role).isNotEmpty();
            // a desktop, then a tablet held upright
            for (int width : new int[] {1280, 800}) {
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, 860));
                for (String path : paths) {
                    browser.go(path);
                    String where = role + " on " + path + " at " + width + " px";
                    assertThat(browser.has(By.cssSelector(".error-card"))).as(where + " is an error page").isFalse();
                    long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                    assertThat(overflow).as(where + ": pixels wider than the window").isLessThanOrEqualTo(0L);
                }
            }
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 860));
        }
    }

    @Test
    void sectionsOutsideTheRoleAreForbidden() {
        Tenant.User agent = tenant.user("AGENT");
        browser.signIn(agent.username(), agent.password());
        browser.waitFor(By.cssSelector(".sidebar"));

        browser.go("/deals");
        assertThat(browser.text(By.cssSelector(".status-code"))).isEqualTo("403");
        browser.go("/admin/users");
        assertThat(browser.text(By.cssSelector(".status-code"))).isEqualTo("403");
        browser.go("/console");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Agent console");
    }

    @Test
    void loginPageSpeaksTheChosenLanguage() {
        browser.go("/login?lang=ru");
        assertThat(browser.text(By.cssSelector("button[type=submit]"))).isEqualTo("Войти");

        browser.field("username").sendKeys("nobody-here");
        browser.field("password").sendKeys("wrong-password");
        browser.field("password").submit();

        browser.waitFor(By.cssSelector(".flash.error"));
        assertThat(browser.text(By.cssSelector(".flash.error"))).contains("пароль");
        browser.go("/login?lang=ko");
        assertThat(browser.text(By.cssSelector("button[type=submit]"))).isEqualTo("로그인");
    }

    @Test
    void loginPageAndShellSpeakEachOfTheSixLanguages() {
        for (Locale locale : SupportedLocales.ALL) {
            String language = locale.getLanguage();
            browser.signOut();
            browser.go("/login?lang=" + language);
            assertThat(browser.text(By.cssSelector("button[type=submit]")))
                    .isEqualTo(messages.getMessage("login.submit", null, locale));
            browser.screenshot("login-" + language);

            String username = "lang-" + language + "-" + System.nanoTime();
            tenant.asAdmin().post("/api/v1/users", Map.of("username", username, "password", "a-long-password",
                    "roles", List.of("SUPERVISOR"), "locale", language, "timeZone", "Europe/Oslo"));
            browser.signOut();
            browser.signIn(username, "a-long-password");
            browser.waitFor(By.id("nav-projects"));
            assertThat(browser.text(By.id("nav-projects"))).isEqualTo(messages.getMessage("nav.projects", null, locale));
            assertThat(browser.text(By.tagName("h1")))
                    .isEqualTo(messages.getMessage("home.greeting", new Object[] {username}, locale));
            browser.screenshot("shell-" + language);
        }
    }

    @Test
    void shellShowsTheUsersLanguageAndTimeZone() {
        String username = "ko-" + System.nanoTime();
        tenant.asAdmin().post("/api/v1/users", Map.of("username", username, "password", "a-long-password",
                "roles", List.of("REP"), "displayName", "김민준", "locale", "ko", "timeZone", "Asia/Seoul"));

        browser.signIn(username, "a-long-password");
        browser.waitFor(By.id("nav-deals"));

        assertThat(browser.text(By.id("nav-deals"))).isEqualTo("거래");
        assertThat(browser.pageText()).contains("Asia/Seoul");
        assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ko");
    }

    @Test
    void adminAddsAPersonThroughThePage() {
        browser.signIn(tenant.admin().username(), tenant.admin().password());
        browser.go("/admin/users");

        browser.field("new-username").sendKeys("x");
        browser.field("new-password").sendKeys("a-long-password");
        browser.driver().findElement(By.cssSelector("#new-user ~ form button[type=submit]")).click();
        browser.waitFor(By.cssSelector(".field.invalid"));
        assertThat(browser.text(By.cssSelector(".field.invalid .error-text"))).contains("3 to 40");

        String username = "paged-" + System.nanoTime();
        browser.field("new-username").clear();
        browser.field("new-username").sendKeys(username);
        browser.field("new-displayName").sendKeys("Paged Person");
        browser.field("new-password").sendKeys("a-long-password");
        browser.driver().findElement(By.cssSelector("#new-user ~ form button[type=submit]")).click();

        browser.waitFor(By.cssSelector(".flash.success"));
        assertThat(browser.text(By.id("users"))).contains("Paged Person").contains(username);
        browser.screenshot("admin-users");
        assertThat(api.as(username, "a-long-password").get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void deactivatedPersonIsSignedOutOnTheirNextClick() {
        Tenant.User agent = tenant.user("AGENT");
        browser.signIn(agent.username(), agent.password());
        browser.waitFor(By.id("nav-console"));

        tenant.asAdmin().post("/api/v1/users/" + agent.id() + "/deactivate", null);
        browser.go("/console");

        browser.waitForPath("/login");
        assertThat(browser.has(By.cssSelector(".flash"))).isTrue();
    }

    @Test
    void keyboardJumpsBetweenSections() {
        Tenant.User agent = tenant.user("AGENT");
        browser.signIn(agent.username(), agent.password());
        browser.waitFor(By.id("nav-leads"));

        new Actions(browser.driver()).sendKeys("g").sendKeys("l").perform();
        browser.waitForPath("/leads");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertThat(browser.driver().switchTo().activeElement().getText()).isNotBlank();
    }

    @Test
    void personInTwoWorkspacesSwitchesBetweenThem() {
        Tenant.User supervisor = tenant.user("SUPERVISOR");
        Tenant client = Tenant.create(api, "Client Two SRL");
        people.addExistingUser(java.util.UUID.fromString(client.id()), supervisor.username(), Set.of(Role.AGENT));
        browser.signIn(supervisor.username(), supervisor.password());
        browser.waitFor(By.id("workspace-switch"));
        assertThat(browser.text(By.cssSelector(".workspace-name"))).isEqualTo("Browser Test AS");
        assertThat(browser.has(By.id("nav-reports"))).isTrue();

        new Select(browser.field("workspace-switch")).selectByVisibleText("Client Two SRL");

        browser.waitFor(By.cssSelector(".flash.success"));
        assertThat(browser.text(By.cssSelector(".workspace-name"))).isEqualTo("Client Two SRL");
        assertThat(browser.has(By.id("nav-reports"))).as("only an agent there").isFalse();
        assertThat(api.as(supervisor).get("/api/v1/me").json().get("workspace").asText())
                .as("the next sign-in starts where they left").isEqualTo("Client Two SRL");
    }

    @Test
    void pagesCarrySecurityHeaders() {
        Api.Response login = api.get("/login", "text/html");

        assertThat(login.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(login.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(login.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(login.header("Referrer-Policy")).isEqualTo("same-origin");
    }
}
